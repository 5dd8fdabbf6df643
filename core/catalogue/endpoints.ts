/**
 * Where IAM's companions are, region by region, from the Go SDK's region tables (huaweicloud-sdk-go-v3
 * `services/sts/v1/region/region.go`, `services/iamaccessanalyzer/v1/region/region.go`). STS and IAM
 * Access Analyzer are regional services with endpoints of their own, unlike IAM (one global endpoint);
 * Access Analyzer exists in two regions only.
 */

const STS_REGIONS = [
  'cn-north-4',
  'cn-south-1',
  'cn-east-3',
  'cn-southwest-2',
  'ap-southeast-1',
  'ap-southeast-3',
  'ap-southeast-2',
  'sa-brazil-1',
  'la-south-2',
  'af-south-1',
  'ap-southeast-4',
  'tr-west-1',
] as const;

const ACCESS_ANALYZER_REGIONS = ['cn-east-3', 'ap-southeast-4'] as const;

/** STS of a region (GetCallerIdentity); a region STS does not list uses cn-north-4's, as the SDK's examples do. */
export function stsEndpoint(region: string): string {
  const r = (STS_REGIONS as readonly string[]).includes(region) ? region : 'cn-north-4';
  return `https://sts.${r}.myhuaweicloud.com`;
}

/** IAM Access Analyzer of a region, or undefined where it does not exist. */
export function accessAnalyzerEndpoint(region: string): string | undefined {
  return (ACCESS_ANALYZER_REGIONS as readonly string[]).includes(region)
    ? `https://access-analyzer.${region}.myhuaweicloud.com`
    : undefined;
}
