// A virtual X display for the few tests that need what only real OS input reaches: the browser's
// own keyboard shortcut (chrome.commands). Key presses sent over CDP go to the page instead
// (field notes: "Shortcuts and menus"), so these tests run headed Chromium under Xvfb and press
// keys with xdotool, as the user's keyboard would.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface XDisplay {
  /** e.g. ":97", for the browser's DISPLAY. */
  name: string;
  /** Presses a key combination as the OS would, e.g. 'alt+shift+o'. */
  key(combo: string): void;
  /** Moves the pointer over the browser window: without a window manager, X gives keyboard
   * focus to the window under the pointer. */
  pointAt(x: number, y: number): void;
  close(): void;
}

/** Why these tests cannot run here, or null when Xvfb and xdotool are installed. */
export function xDisplayUnavailable(): string | null {
  const missing = ['Xvfb', 'xdotool'].filter(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0,
  );
  return missing.length > 0
    ? `needs ${missing.join(' and ')} (apt-get install -y xvfb xdotool; .ci/run installs them)`
    : null;
}

export async function startXDisplay(): Promise<XDisplay> {
  let number = 90 + Math.floor(Math.random() * 400);
  while (existsSync(`/tmp/.X${number}-lock`)) number += 1;
  const name = `:${number}`;
  const server: ChildProcess = spawn(
    'Xvfb',
    [name, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'],
    {
      stdio: 'ignore',
    },
  );
  const deadline = Date.now() + 5_000;
  while (!existsSync(`/tmp/.X11-unix/X${number}`)) {
    if (Date.now() > deadline) {
      server.kill();
      throw new Error(`Xvfb ${name} did not start`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const xdotool = (...args: string[]) => {
    const result = spawnSync('xdotool', args, { env: { ...process.env, DISPLAY: name } });
    if (result.status !== 0) throw new Error(`xdotool ${args.join(' ')}: ${String(result.stderr)}`);
  };
  return {
    name,
    key: (combo) => xdotool('key', '--clearmodifiers', combo),
    pointAt: (x, y) => xdotool('mousemove', String(x), String(y)),
    close: () => {
      server.kill();
    },
  };
}
