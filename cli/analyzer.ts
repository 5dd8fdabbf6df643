/**
 * IAM Access Analyzer for `ims-tags diff --analyzer`: check-no-new-access and ValidatePolicy on each changed 5.0 policy, with
 * credentials from the environment as Huawei's SDKs read them (HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK,
 * and HUAWEICLOUD_SDK_DOMAIN_ID when known). The service is regional and exists in cn-east-3 and
 * ap-southeast-4 only (core/catalogue/endpoints.ts); `--endpoint` (or IMS_TAGS_LOCAL_EMULATOR, as
 * `npm start` sets it) sends everything to the local emulator instead. Secrets are never printed.
 */
import { IAM_ENDPOINT, accessAnalyzerEndpoint } from '../core/catalogue';
import { IamClient } from '../core/client/iamClient';
import { CliError } from './cliError';
import type { Analyzer } from './diff';

export function analyzerFromEnv(env: NodeJS.ProcessEnv, region: string, endpoint: string | undefined): Analyzer {
  const ak = env.HUAWEICLOUD_SDK_AK;
  const sk = env.HUAWEICLOUD_SDK_SK;
  if (!ak || !sk)
    throw new CliError(
      '--analyzer needs credentials: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (as the Huawei Cloud SDKs read them) in the environment.',
    );
  const local = endpoint ?? env.IMS_TAGS_LOCAL_EMULATOR;
  const analyzer = local ?? accessAnalyzerEndpoint(region);
  if (!analyzer)
    throw new CliError(`--region ${region}: IAM Access Analyzer is not offered there; use cn-east-3 or ap-southeast-4.`);
  const iam = new IamClient({
    endpoint: local ?? IAM_ENDPOINT,
    endpoints: { iam: local ?? IAM_ENDPOINT, sts: local ?? IAM_ENDPOINT, accessAnalyzer: analyzer },
    projectId: '',
    credentials: { kind: 'aksk', ak, sk },
    ...(env.HUAWEICLOUD_SDK_DOMAIN_ID ? { domainId: env.HUAWEICLOUD_SDK_DOMAIN_ID } : {}),
  });
  return {
    async newAccess(existing, next) {
      const r = await iam.checkNoNewAccess(existing, next);
      return r.check_result === 'pass' ? undefined : (r.reasons ?? []).map((x) => x.description ?? '').filter(Boolean);
    },
    validate: (document) => iam.validate(document),
  };
}
