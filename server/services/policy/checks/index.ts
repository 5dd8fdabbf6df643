/**
 * The registry of policy checks, in the order they run (tooManyProblems last). Adding a check: its file
 * here, one line below, its tests, and `npm run docs:checks` (docs/architecture.md, "Add a check").
 */
import type { Check } from '../../checks/check';
import { actionNames } from './actionNames';
import { conditionKeys } from './conditionKeys';
import { conditionOperators } from './conditionOperators';
import { dependentActions } from './dependentActions';
import { effect } from './effect';
import type { PolicyCheckInput } from './input';
import { jsonSyntax } from './jsonSyntax';
import { limits } from './limits';
import { notActionAliases } from './notActionAliases';
import { overriddenAllow } from './overriddenAllow';
import { redundantActions } from './redundantActions';
import { resourceUrns } from './resourceUrns';
import { structure } from './structure';
import { tooManyProblems } from './tooManyProblems';
import { version } from './version';

export const POLICY_CHECKS: readonly Check<PolicyCheckInput>[] = [
  jsonSyntax,
  version,
  structure,
  limits,
  effect,
  actionNames,
  redundantActions,
  conditionOperators,
  resourceUrns,
  conditionKeys,
  notActionAliases,
  overriddenAllow,
  dependentActions,
  tooManyProblems,
];
