/**
 * `dist/tree-sitter.web.js`: web-tree-sitter as a script of its own for the server's web worker, which
 * loads it (importScripts) only when a Terraform document needs it, keeping the worker bundle small.
 */
import * as TreeSitter from 'web-tree-sitter';

(globalThis as unknown as { ImsTreeSitter: typeof TreeSitter }).ImsTreeSitter = TreeSitter;
