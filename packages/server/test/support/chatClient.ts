import WebSocket from 'ws';

export interface ChatClient {
  frames: any[];
  /** The next frame (from now on, or already received and not yet taken) matching `test`. */
  next(test: (frame: any) => boolean, what?: string): Promise<any>;
  send(frame: unknown): void;
  sendRaw(text: string): void;
  closed: Promise<number>;
  close(): void;
}

/** A chat socket as a browser opens it; refused connections reject with the HTTP status. */
export function connectChat(baseUrl: string, chatId: string, query: Record<string, string>): Promise<ChatClient> {
  const url = `${baseUrl.replace(/^http/, 'ws')}/api/chat/${chatId}/socket?${new URLSearchParams(query).toString()}`;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const frames: any[] = [];
    const taken = new Set<number>();
    const waiters: Array<{ test: (f: any) => boolean; resolve: (f: any) => void }> = [];
    const closed = new Promise<number>((done) => socket.on('close', (code) => done(code)));
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      frames.push(frame);
      const index = frames.length - 1;
      const waiter = waiters.find((w) => w.test(frame));
      if (waiter) {
        taken.add(index);
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
    });
    socket.on('unexpected-response', (_request, response) => reject(Object.assign(new Error(`refused ${response.statusCode}`), { status: response.statusCode })));
    socket.on('error', (error) => reject(error));
    socket.on('open', () =>
      resolve({
        frames,
        closed,
        next: (test, what = 'frame') =>
          new Promise((done, fail) => {
            const index = frames.findIndex((f, i) => !taken.has(i) && test(f));
            if (index >= 0) {
              taken.add(index);
              return done(frames[index]);
            }
            const timer = setTimeout(() => fail(new Error(`no ${what} came; got ${JSON.stringify(frames)}`)), 15_000);
            waiters.push({ test, resolve: (f) => (clearTimeout(timer), done(f)) });
          }),
        send: (frame) => socket.send(JSON.stringify(frame)),
        sendRaw: (text) => socket.send(text),
        close: () => socket.close(),
      }),
    );
  });
}

/** The HTTP status a refused socket got. */
export async function refusedWith(promise: Promise<ChatClient>): Promise<number> {
  try {
    const client = await promise;
    client.close();
    return 101;
  } catch (error) {
    return (error as { status?: number }).status ?? 0;
  }
}
