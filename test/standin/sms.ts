import { spawnStandIn } from './spawn';

/** The stand-in SMS provider in its own process, and its test-only view of what it sent. */
export interface SmsStandIn {
  url: string;
  key: string;
  messagesTo(mobile: string): Promise<Array<{ text: string; reference: string }>>;
  /** The six-digit code of the last message to `mobile`. */
  lastCodeTo(mobile: string): Promise<string>;
  fault(times: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startSmsStandIn(key = 'standin-sms-key'): Promise<SmsStandIn> {
  const { port, stop } = await spawnStandIn('smsProvider.ts', [
    '--port',
    '0',
    '--key',
    key,
    '--expose-sent',
  ]);
  const url = `http://127.0.0.1:${port}`;
  const messagesTo = async (mobile: string) => {
    const res = await fetch(`${url}/test/messages?to=${encodeURIComponent(mobile)}`);
    return ((await res.json()) as { messages: Array<{ text: string; reference: string }> })
      .messages;
  };
  return {
    url,
    key,
    messagesTo,
    async lastCodeTo(mobile) {
      const last = (await messagesTo(mobile)).at(-1);
      const code = last && /(\d{6})/.exec(last.text)?.[1];
      if (!code) throw new Error(`no code was sent to ${mobile}`);
      return code;
    },
    async fault(times) {
      await fetch(`${url}/test/faults`, { method: 'POST', body: JSON.stringify({ times }) });
    },
    stop,
  };
}
