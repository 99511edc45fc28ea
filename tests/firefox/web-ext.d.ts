/** The part of web-ext's Node API the tests use (the package ships no types). */
declare module 'web-ext' {
  const webExt: {
    cmd: {
      lint(options: { sourceDir: string; selfHosted?: boolean; output?: 'text' | 'json' | 'none' }, context: { shouldExitProgram: boolean }): Promise<unknown>;
    };
  };
  export default webExt;
}
