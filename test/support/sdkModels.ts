/**
 * Huawei's official IAM SDK (`@huaweicloud/huaweicloud-sdk-iam`) as a yardstick: its models' declaration
 * files, read with the TypeScript compiler, say each field's wire name and type, and its constructors
 * list the fields the API documents as always there (the SDK generator puts exactly the required ones
 * in the constructor). JavaScript will not crash on a wrong type as the Python SDK does, so the checks
 * are made here, field by field. Its IamClient gives each operation's method and path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';

export const SDK_ROOT = dirname(require.resolve('@huaweicloud/huaweicloud-sdk-iam/package.json'));

export type FieldType =
  | { kind: 'string' | 'number' | 'boolean' | 'any' | 'object' }
  | { kind: 'array'; of: FieldType }
  | { kind: 'map'; of: FieldType }
  | { kind: 'model'; name: string };

export interface Model {
  name: string;
  fields: Map<string, FieldType>;
  /** Wire names of the constructor's parameters: documented as always returned (or required in a request). */
  required: string[];
}

const snake = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const cache = new Map<string, Model | undefined>();

/** A model of the SDK (`v3` or `v5`), or undefined when there is no such file. */
export function sdkModel(version: 'v3' | 'v5', name: string): Model | undefined {
  const key = `${version}/${name}`;
  if (cache.has(key)) return cache.get(key);
  const file = join(SDK_ROOT, version, 'model', `${name}.d.ts`);
  const model = existsSync(file) ? readModel(file, name) : undefined;
  cache.set(key, model);
  return model;
}

function typeOf(node: ts.TypeNode | undefined): FieldType {
  if (!node) return { kind: 'any' };
  if (ts.isUnionTypeNode(node)) {
    // `XxxEnum | string`: an enum of strings.
    const kinds = node.types.map(typeOf);
    return kinds.find((k) => k.kind !== 'model') ?? kinds[0];
  }
  if (ts.isArrayTypeNode(node)) return { kind: 'array', of: typeOf(node.elementType) };
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    return index ? { kind: 'map', of: typeOf(index.type) } : { kind: 'object' };
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    if (name === 'Array') return { kind: 'array', of: typeOf(node.typeArguments?.[0]) };
    if (name === 'object' || name === 'Object') return { kind: 'object' };
    // Dates travel as ISO 8601 strings.
    if (name === 'Date') return { kind: 'string' };
    if (/Enum$/.test(name)) return { kind: 'string' };
    return { kind: 'model', name };
  }
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { kind: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { kind: 'number' };
    case ts.SyntaxKind.BooleanKeyword:
      return { kind: 'boolean' };
    case ts.SyntaxKind.ObjectKeyword:
      return { kind: 'object' };
    default:
      return { kind: 'any' };
  }
}

function readModel(file: string, name: string): Model | undefined {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const cls = source.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === name);
  if (!cls) return undefined;
  const fields = new Map<string, FieldType>();
  const withTypes = new Map<string, ts.TypeNode | undefined>();
  let required: string[] = [];
  for (const m of cls.members) {
    if (ts.isMethodDeclaration(m) && m.name.getText().startsWith('with')) {
      const camel = m.name.getText().slice(4);
      withTypes.set(camel[0].toLowerCase() + camel.slice(1), m.parameters[0]?.type);
    }
    if (ts.isConstructorDeclaration(m)) required = m.parameters.map((p) => snake(p.name.getText()));
  }
  for (const m of cls.members) {
    if (!ts.isPropertyDeclaration(m)) continue;
    const wire = ts.isStringLiteral(m.name) ? m.name.text : m.name.getText();
    // Private 'snake_case' properties carry no type: their setter (withCamelCase) does.
    const camel = wire.replace(/[_.-](\w)/g, (_x, c: string) => c.toUpperCase());
    fields.set(wire, m.type ? typeOf(m.type) : typeOf(withTypes.get(camel)));
  }
  // Constructor parameters are camelCase: map them back to the wire names the fields use.
  const wireOf = new Map([...fields.keys()].map((w) => [w.replace(/[_.-]/g, '').toLowerCase(), w]));
  required = required.map((r) => wireOf.get(r.replace(/_/g, '').toLowerCase()) ?? r);
  return { name, fields, required };
}

/** Where a value does not fit the model: missing required fields and wrong types, with JSON paths. */
export function checkAgainstModel(version: 'v3' | 'v5', modelName: string, value: unknown, path = '$'): string[] {
  const model = sdkModel(version, modelName);
  if (!model) return [`${path}: no SDK model ${modelName}`];
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [`${path}: expected an object (${modelName}), found ${JSON.stringify(value)?.slice(0, 60)}`];
  const out: string[] = [];
  const record = value as Record<string, unknown>;
  for (const r of model.required)
    if (record[r] === undefined) out.push(`${path}.${r}: missing (${modelName} has it in its constructor)`);
  for (const [field, type] of model.fields) {
    const v = record[field];
    if (v === undefined || v === null) continue;
    out.push(...checkType(version, type, v, `${path}.${field}`));
  }
  return out;
}

function checkType(version: 'v3' | 'v5', type: FieldType, v: unknown, path: string): string[] {
  const found = Array.isArray(v) ? 'array' : typeof v;
  switch (type.kind) {
    case 'any':
      return [];
    case 'string':
    case 'number':
    case 'boolean':
      return found === type.kind ? [] : [`${path}: ${type.kind} in the SDK model, ${found} here (${JSON.stringify(v)})`];
    case 'object':
      return found === 'object' ? [] : [`${path}: object in the SDK model, ${found} here`];
    case 'array':
      if (!Array.isArray(v)) return [`${path}: array in the SDK model, ${found} here`];
      return v.flatMap((item, i) => (item === null ? [] : checkType(version, type.of, item, `${path}[${i}]`)));
    case 'map':
      if (found !== 'object') return [`${path}: map in the SDK model, ${found} here`];
      return Object.entries(v as object).flatMap(([k, item]) => checkType(version, type.of, item, `${path}.${k}`));
    case 'model':
      // An enum of the SDK (`PolicyType`) is a string on the wire.
      if (isEnum(version, type.name))
        return found === 'string' ? [] : [`${path}: ${type.name} (a string) in the SDK model, ${found} here`];
      return checkAgainstModel(version, type.name, v, path);
  }
}

/** Method and path of every operation of the SDK's IamClient, from its parameter creators. */
export function sdkOperations(version: 'v3' | 'v5'): Map<string, { method: string; path: string }> {
  const text = readFileSync(join(SDK_ROOT, version, 'IamClient.js'), 'utf8');
  const out = new Map<string, { method: string; path: string }>();
  const re = /\n {8}(\w+)\(\w*\) \{\n {12}const options = \{\n {16}method: "(\w+)",\n {16}url: "([^"]+)"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.set(m[1], { method: m[2], path: m[3] });
  return out;
}

/** The required body fields of an operation, from its request model: `{wrapper, required}` or flat. */
export function sdkRequiredBody(version: 'v3' | 'v5', operation: string): { wrapper?: string; required: string[] } | undefined {
  const request = sdkModel(version, `${operation}Request`);
  const body = request?.fields.get('body');
  if (!body || body.kind !== 'model') return undefined;
  const bodyModel = sdkModel(version, body.name)!;
  const fields = [...bodyModel.fields];
  // v3 wraps the body's fields in one object ({"role": {...}}); v5 bodies are flat.
  if (fields.length === 1 && fields[0][1].kind === 'model') {
    const inner = sdkModel(version, (fields[0][1] as { name: string }).name)!;
    return { wrapper: fields[0][0], required: inner.required };
  }
  return { required: bodyModel.required };
}

/** A class of the SDK with no fields (`PolicyType`): a string enum of the Go SDK, a string on the wire. */
function isEnum(version: 'v3' | 'v5', name: string): boolean {
  const m = sdkModel(version, name);
  return m !== undefined && m.fields.size === 0;
}
