/** The fenced code blocks of a Markdown page, and the commands of its console blocks with the output and exit code shown. */

/** A fenced block: its info string (`sh`, `console`, `ts counter.ts`) and its text. */
export interface Block {
  readonly info: string;
  readonly text: string;
}

/** The fenced blocks of `markdown`, in order. */
export function blocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^```(.*)\n([\s\S]*?)^```$/gm)].map((m) => ({ info: m[1]!.trim(), text: m[2]! }));
}

/** One command of a console block, with the output and exit code the page shows for it. */
export interface Session {
  readonly command: string;
  readonly output: string;
  exitCode?: number;
}

/** The `$ command` lines of a console block, each with the lines after it and the code of a following `$ echo $?`. */
export function sessions(console: string): Session[] {
  const result: Session[] = [];
  const lines = console.split('\n').slice(0, -1);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '$ echo $?') {
      result[result.length - 1]!.exitCode = Number(lines[++i]);
    } else if (line.startsWith('$ ')) {
      let end = i + 1;
      while (end < lines.length && !lines[end]!.startsWith('$ ')) end++;
      result.push({ command: line.slice(2), output: lines.slice(i + 1, end).join('\n') + '\n' });
      i = end - 1;
    }
  }
  return result;
}
