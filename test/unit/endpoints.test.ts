/**
 * Where STS and IAM Access Analyzer are (core/catalogue/endpoints.ts), from the Go SDK's region tables:
 * STS in its regions (cn-north-4's elsewhere), Access Analyzer only in cn-east-3 and ap-southeast-4.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessAnalyzerEndpoint, stsEndpoint } from '../../core/catalogue/endpoints';

test("STS of a region it serves, and cn-north-4's for any other", () => {
  assert.equal(stsEndpoint('cn-east-3'), 'https://sts.cn-east-3.myhuaweicloud.com');
  assert.equal(stsEndpoint('tr-west-1'), 'https://sts.tr-west-1.myhuaweicloud.com');
  assert.equal(stsEndpoint('eu-west-101'), 'https://sts.cn-north-4.myhuaweicloud.com');
  assert.equal(stsEndpoint(''), 'https://sts.cn-north-4.myhuaweicloud.com');
});

test('Access Analyzer exists in two regions only', () => {
  assert.equal(accessAnalyzerEndpoint('cn-east-3'), 'https://access-analyzer.cn-east-3.myhuaweicloud.com');
  assert.equal(accessAnalyzerEndpoint('ap-southeast-4'), 'https://access-analyzer.ap-southeast-4.myhuaweicloud.com');
  assert.equal(accessAnalyzerEndpoint('cn-north-4'), undefined);
});
