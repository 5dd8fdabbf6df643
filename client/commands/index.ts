/** Every command of the extension by id, grouped by concern; `Ctx.registerCommands` registers them. */
import type { CommandFactory } from '../context';
import { addTagToSelected, deleteTagFromSelected } from './batch';
import { connect, connectLocal, openSandbox, signOut } from './connection';
import { copyAsHttp } from './copyAsHttp';
import { viewAs, whoCan, whoCanMore, whoCanRefresh } from './imageAccess';
import {
  clearFilters,
  copyImageId,
  filterImages,
  loadMore,
  loadMorePolicies,
  refresh,
  refreshPolicies,
  refreshMyPermissions,
  retry,
  showLog,
} from './explorer';
import { compareCatalogueWithCloud, refreshAuthorizationSchema } from './catalogue';
import { findByTags, listProjectTags } from './find';
import { generateLeastPrivilege } from './leastPrivilege';
import { createPolicy, showPermissions } from './permissions';
import { runPolicyChecks } from './policyChecks';
import { selectHttpEnvironment } from '../httpEnvironment';
import { publishLive } from '../policies/unpublished';
import { deletePolicy, editPolicyDetails, newCustomPolicy, newIdentityPolicy } from './policies';
import { compareWithCloud, compareWithFile, publishToIam, saveToWorkspace } from './policyFiles';
import { validateWithIam } from './policyValidation';
import { addTag, deleteTag, editTagValue } from './tags';

export const COMMANDS: Record<string, CommandFactory> = {
  'imsTags.openSandbox': openSandbox,
  'imsTags.connect': connect,
  'imsTags.connectLocal': connectLocal,
  'imsTags.signOut': signOut,
  'imsTags.runPolicyChecks': runPolicyChecks,
  'imsTags.selectHttpEnvironment': selectHttpEnvironment,
  'imsTags.refresh': refresh,
  'imsTags.loadMore': loadMore,
  'imsTags.retry': retry,
  'imsTags.showLog': showLog,
  'imsTags.filterImages': filterImages,
  'imsTags.clearFilters': clearFilters,
  'imsTags.addTag': addTag,
  'imsTags.editTagValue': editTagValue,
  'imsTags.deleteTag': deleteTag,
  'imsTags.addTagToSelected': addTagToSelected,
  'imsTags.deleteTagFromSelected': deleteTagFromSelected,
  'imsTags.findByTags': findByTags,
  'imsTags.listProjectTags': listProjectTags,
  'imsTags.copyImageId': copyImageId,
  'imsTags.copyAsHttp': copyAsHttp,
  'imsTags.showPermissions': showPermissions,
  'imsTags.whoCan': whoCan,
  'imsTags.viewAs': viewAs,
  'imsTags.whoCan.more': whoCanMore,
  'imsTags.whoCan.refresh': whoCanRefresh,
  'imsTags.createPolicy': createPolicy,
  'imsTags.policies.refresh': refreshPolicies,
  'imsTags.myPermissions.refresh': refreshMyPermissions,
  'imsTags.policies.loadMore': loadMorePolicies,
  'imsTags.policies.newCustomPolicy': newCustomPolicy,
  'imsTags.policies.newIdentityPolicy': newIdentityPolicy,
  'imsTags.policies.delete': deletePolicy,
  'imsTags.policies.editDetails': editPolicyDetails,
  'imsTags.policies.saveToWorkspace': saveToWorkspace,
  'imsTags.policies.publishToIam': publishToIam,
  'imsTags.policies.compareWithFile': compareWithFile,
  'imsTags.policies.compareWithCloud': compareWithCloud,
  'imsTags.policies.publishLive': () => publishLive,
  'imsTags.policies.validateWithIam': validateWithIam,
  'imsTags.generateLeastPrivilegePolicy': generateLeastPrivilege,
  'imsTags.compareCatalogueWithCloud': compareCatalogueWithCloud,
  'imsTags.refreshAuthorizationSchema': refreshAuthorizationSchema,
};
