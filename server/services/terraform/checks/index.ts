/**
 * The registry of Terraform checks, in the order they run. Adding a check: its file here, one line below,
 * its tests, and `npm run docs:checks` (docs/architecture.md, "Add a check").
 */
import type { Check } from '../../checks/check';
import { embeddedPolicies } from './embeddedPolicies';
import type { TerraformCheckInput } from './input';
import { nesting } from './nesting';
import { tagMaps } from './tagMaps';

export const TERRAFORM_CHECKS: readonly Check<TerraformCheckInput>[] = [nesting, embeddedPolicies, tagMaps];
