/** Terraform tests: the HCL parser loaded from the build (dist/ holds both .wasm files), documents as strings. */
import { join } from 'node:path';
import { DocumentCache } from '../../server/documentCache';
import { getLanguageService } from '../../server/languageService';
import { loadHclParser, parseHcl } from '../../server/terraform/hclParser';
import type { PolicySource } from '../../core/policy/evaluator';
import { doc as makeDoc } from './docs';

export const DIST = join(__dirname, '../../../dist');

export async function terraformService(policies: PolicySource[] = [], lang: 'en' | 'zh' = 'en') {
  await loadHclParser(
    (file) => join(DIST, file),
    async () => import('web-tree-sitter'),
  );
  const cache = new DocumentCache(parseHcl);
  return getLanguageService({ cache, lang: () => lang, policies: () => policies });
}

export const tf = (text: string) => makeDoc(text, 'terraform');
