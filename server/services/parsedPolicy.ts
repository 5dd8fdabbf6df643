/** One parse of a JSON document, shared by every policy service for the same document version. */
import { parseJson, type ParsedJson, type PolicyModel } from '../../core/policy/policyDocument';
import { patchStringEdit } from '../../core/policy/stringEdit';
import { PropertyIndex } from './jsonPeerOffers';

export class ParsedPolicy {
  private propertyIndex?: PropertyIndex;

  constructor(
    readonly text: string,
    readonly json: ParsedJson,
  ) {}

  /** Undefined for JSON that is not a policy: such documents get nothing from us. */
  get model(): PolicyModel | undefined {
    return this.json.policy;
  }

  get index(): PropertyIndex | undefined {
    if (!this.json.tree) return undefined;
    return (this.propertyIndex ??= new PropertyIndex(this.json.tree));
  }
}

export function parsePolicy(text: string): ParsedPolicy {
  return new ParsedPolicy(text, parseJson(text));
}

/** The next version of a document: its previous parse patched when the edit was inside one string (stringEdit.ts). */
export function reparsePolicy(previous: ParsedPolicy, text: string): ParsedPolicy {
  return new ParsedPolicy(text, patchStringEdit(previous.json, previous.text, text) ?? parseJson(text));
}
