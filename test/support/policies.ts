/** Policy sources for .http tests, built the way the server's workspace index builds them. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PolicySource } from '../../core/policy/evaluator';
import { parseJson } from '../../core/policy/policyDocument';

export function policySource(uri: string, text: string): PolicySource {
  const model = parseJson(text).policy;
  if (!model) throw new Error(`${uri} is not a policy`);
  const doc = TextDocument.create(uri, 'json', 1, text);
  return { uri, model, text: doc.getText(), positionAt: (o) => doc.positionAt(o) };
}

export const allowList = (actions: string[], extra = '') =>
  `{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": [${actions.map((a) => JSON.stringify(a)).join(', ')}]${extra}}]}`;
