/**
 * Replace C0/C1 control characters (except newline) with `\xNN`, so catalog text (a table
 * named with an ESC sequence) cannot drive the terminal. Every renderer that prints names
 * from a database or a migration file to a terminal passes its text through this.
 */
export function terminalSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
