/**
 * Jest transform for the ES-module-only packages the tests load (jose, request-filtering-agent): TypeScript's
 * transpiler to CommonJS with standard class fields. ts-jest cannot do it: it keeps one
 * configuration per Jest project, so options given for these files were never applied and
 * jose's error classes were compiled with useDefineForClassFields off, which made every
 * jose error a ReferenceError (an expired token could not be told from a forged one).
 */
const crypto = require('node:crypto');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  allowJs: true,
  useDefineForClassFields: true,
  // request-filtering-agent imports the CommonJS ipaddr.js by its default export.
  esModuleInterop: true,
  inlineSourceMap: true,
};

module.exports = {
  process(source, fileName) {
    return { code: ts.transpileModule(source, { compilerOptions, fileName }).outputText };
  },
  getCacheKey(source, fileName) {
    return crypto
      .createHash('sha256')
      .update(`${ts.version}\n${JSON.stringify(compilerOptions)}\n${fileName}\n${source}`)
      .digest('hex');
  },
};
