import { randomBytes } from 'node:crypto';
import { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';

/** One request the fake received, as Stripe would have seen it. */
export interface RecordedStripeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  idempotencyKey: string | undefined;
  stripeAccount: string | undefined;
  /** The form body, decoded the way Stripe reads `a[b][0]=x`. */
  body: Record<string, unknown>;
  /** Set when the fake was told to fail this request. */
  failedWith?: FakeStripeFailure;
}

/** `server_error`: a 500 as Stripe sends in an incident; `drop`: the connection closes without an answer. */
export type FakeStripeFailure = 'server_error' | 'drop';

export interface FakeBalanceTransaction {
  id?: string;
  type: 'charge' | 'payment' | 'refund' | 'adjustment' | 'stripe_fee';
  /** Gross, in cents; negative for a refund. */
  amount: number;
  fee: number;
  source?: string;
}

export interface FakeStripe {
  /** e.g. http://127.0.0.1:41234: give it as STRIPE_API_URL. */
  url: string;
  requests: RecordedStripeRequest[];
  /** The next `count` requests fail the given way (recorded all the same). */
  failNext(count: number, how?: FakeStripeFailure): void;
  /** What `GET /v1/balance_transactions?payout=…` lists; the payout's own transaction is added as Stripe does. */
  setPayoutTransactions(payoutId: string, transactions: FakeBalanceTransaction[]): void;
  /** What `GET /v1/refunds?charge=…` lists. */
  setChargeRefunds(chargeId: string, refunds: Array<Record<string, unknown>>): void;
  close(): Promise<void>;
}

export interface FakeStripeOptions {
  /** Largest page a list answers with, whatever `limit` asks (to exercise pagination). */
  maxPageSize?: number;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
const now = () => Math.floor(Date.now() / 1000);

/** Decodes Stripe's form encoding (`metadata[purpose]=donation`, `line_items[0][quantity]=1`) into objects and arrays. */
export function decodeStripeForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.split(/\]\[|\[|\]/).filter((part) => part !== '');
    let node: Record<string, unknown> | unknown[] = root;
    path.forEach((part, index) => {
      const last = index === path.length - 1;
      const slot = (node as Record<string, unknown>)[part];
      if (last) {
        (node as Record<string, unknown>)[part] = value;
      } else {
        const next = slot ?? (/^\d+$/.test(path[index + 1]) ? [] : {});
        (node as Record<string, unknown>)[part] = next;
        node = next as Record<string, unknown>;
      }
    });
  }
  return root;
}

function stripeError(res: ServerResponse, status: number, type: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
  res.end(JSON.stringify({ error: { type, message } }));
}

/**
 * A stand-in for api.stripe.com on a loopback port, for the SDK's `host`/`port`/`protocol`
 * options: it answers the calls the product makes with Stripe-shaped JSON and records each one.
 */
export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const requests: RecordedStripeRequest[] = [];
  const failures: FakeStripeFailure[] = [];
  const payouts = new Map<string, Array<Record<string, unknown>>>();
  const refunds = new Map<string, Array<Record<string, unknown>>>();
  // Stripe answers a repeated idempotency key with the first answer.
  const replays = new Map<string, string>();

  const list = (res: ServerResponse, url: string, items: Array<Record<string, unknown>>, query: Record<string, string>) => {
    const limit = Math.min(Number(query.limit ?? 10), options.maxPageSize ?? 100);
    const start = query.starting_after ? items.findIndex((item) => item.id === query.starting_after) + 1 : 0;
    const data = items.slice(start, start + limit);
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': id('req') });
    res.end(JSON.stringify({ object: 'list', url, has_more: start + limit < items.length, data }));
  };

  const createSession = (body: Record<string, unknown>) => {
    const sessionId = `cs_test_${randomBytes(24).toString('hex')}`;
    const items = (body.line_items as Array<{ quantity?: string; price_data?: { unit_amount?: string; currency?: string } }>) ?? [];
    const amount = items.reduce((sum, item) => sum + Number(item.price_data?.unit_amount ?? 0) * Number(item.quantity ?? 1), 0);
    const created = now();
    return {
      id: sessionId,
      object: 'checkout.session',
      allowed_payment_method_types: body.allowed_payment_method_types ?? null,
      amount_subtotal: amount,
      amount_total: amount,
      cancel_url: body.cancel_url ?? null,
      client_reference_id: null,
      created,
      currency: items[0]?.price_data?.currency ?? null,
      customer: null,
      customer_email: body.customer_email ?? null,
      expires_at: created + 24 * 3600,
      livemode: false,
      locale: body.locale ?? null,
      metadata: body.metadata ?? {},
      mode: body.mode,
      payment_intent: null,
      payment_status: 'unpaid',
      status: 'open',
      success_url: body.success_url ?? null,
      url: `https://checkout.stripe.com/c/pay/${sessionId}#fidkdWxOYHwnPyd1blpxYHZxWjA0`,
    };
  };

  const handle = (req: IncomingMessage, res: ServerResponse, text: string) => {
    const url = new URL(req.url ?? '/', 'http://fake.stripe');
    const query = Object.fromEntries(url.searchParams);
    const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    const recorded: RecordedStripeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      headers: req.headers,
      idempotencyKey: header('idempotency-key'),
      stripeAccount: header('stripe-account'),
      body: decodeStripeForm(text),
    };
    requests.push(recorded);

    const failure = failures.shift();
    if (failure) {
      recorded.failedWith = failure;
      if (failure === 'drop') return void req.socket.destroy();
      return stripeError(res, 500, 'api_error', 'An unknown error occurred');
    }
    if (!/^Bearer (sk|rk)_test_\w+$/.test(header('authorization') ?? '')) {
      return stripeError(res, 401, 'invalid_request_error', 'Invalid API Key provided');
    }
    if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      const key = `${recorded.stripeAccount}:${recorded.idempotencyKey}`;
      const replay = recorded.idempotencyKey ? replays.get(key) : undefined;
      const answer = replay ?? JSON.stringify(createSession(recorded.body));
      if (recorded.idempotencyKey) replays.set(key, answer);
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': id('req'), ...(replay ? { 'idempotent-replayed': 'true' } : {}) });
      return void res.end(answer);
    }
    if (req.method === 'GET' && url.pathname === '/v1/balance_transactions' && query.payout) {
      return list(res, url.pathname, payouts.get(query.payout) ?? [], query);
    }
    if (req.method === 'GET' && url.pathname === '/v1/refunds' && query.charge) {
      return list(res, url.pathname, refunds.get(query.charge) ?? [], query);
    }
    stripeError(res, 404, 'invalid_request_error', `Unrecognized request URL (${req.method}: ${url.pathname})`);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(count, how = 'server_error') {
      for (let i = 0; i < count; i++) failures.push(how);
    },
    setPayoutTransactions(payoutId, transactions) {
      const created = now();
      const items = transactions.map((t) => ({
        id: t.id ?? id('txn'),
        object: 'balance_transaction',
        amount: t.amount,
        available_on: created,
        created,
        currency: 'eur',
        description: null,
        fee: t.fee,
        fee_details: t.fee ? [{ amount: t.fee, application: null, currency: 'eur', description: 'Stripe processing fees', type: 'stripe_fee' }] : [],
        net: t.amount - t.fee,
        reporting_category: t.type === 'refund' ? 'refund' : 'charge',
        source: t.source ?? id(t.type === 'refund' ? 're' : 'ch'),
        status: 'available',
        type: t.type,
      }));
      const paidOut = items.reduce((sum, t) => sum + t.net, 0);
      // Stripe lists the payout's own (negative) transaction among the ones it paid out.
      items.push({ ...items[0], id: id('txn'), amount: -paidOut, fee: 0, fee_details: [], net: -paidOut, reporting_category: 'payout', source: payoutId, type: 'payout' as never });
      payouts.set(payoutId, items);
    },
    setChargeRefunds(chargeId, list) {
      refunds.set(chargeId, list);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Stripe-shaped objects and events for webhook tests, built in code. */
export const stripeObjects = {
  checkoutSession(input: { paymentIntent: string; amount: number; metadata: Record<string, string>; paymentStatus?: 'paid' | 'unpaid' }) {
    return {
      id: `cs_test_${randomBytes(16).toString('hex')}`,
      object: 'checkout.session',
      amount_subtotal: input.amount,
      amount_total: input.amount,
      allowed_payment_method_types: ['ideal', 'card'],
      created: now(),
      currency: 'eur',
      customer_email: 'donateur@example.nl',
      livemode: false,
      metadata: input.metadata,
      mode: 'payment',
      payment_intent: input.paymentIntent,
      payment_status: input.paymentStatus ?? 'paid',
      status: 'complete',
      url: null,
    };
  },

  refund(input: { id?: string; charge: string; paymentIntent: string; amount: number; status?: string }) {
    return {
      id: input.id ?? id('re'),
      object: 'refund',
      amount: input.amount,
      charge: input.charge,
      created: now(),
      currency: 'eur',
      metadata: {},
      payment_intent: input.paymentIntent,
      reason: 'requested_by_customer',
      status: input.status ?? 'succeeded',
    };
  },

  /** A refunded charge; without `refunds` it has no list, as current API versions send it. */
  charge(input: { id?: string; paymentIntent: string; amount: number; amountRefunded: number; refunds?: Array<Record<string, unknown>> }) {
    return {
      id: input.id ?? id('ch'),
      object: 'charge',
      amount: input.amount,
      amount_captured: input.amount,
      amount_refunded: input.amountRefunded,
      captured: true,
      created: now(),
      currency: 'eur',
      metadata: {},
      paid: true,
      payment_intent: input.paymentIntent,
      refunded: input.amountRefunded === input.amount,
      status: 'succeeded',
      ...(input.refunds ? { refunds: { object: 'list', data: input.refunds, has_more: false, url: `/v1/charges/${input.id}/refunds` } } : {}),
    };
  },

  payout(input: { id: string; amount: number; arrivalDate?: number }) {
    return {
      id: input.id,
      object: 'payout',
      amount: input.amount,
      arrival_date: input.arrivalDate ?? now(),
      automatic: true,
      created: now(),
      currency: 'eur',
      livemode: false,
      method: 'standard',
      status: 'paid',
      type: 'bank_account',
    };
  },

  /** An event of a connected account, as a Connect webhook endpoint receives it. */
  event(type: string, object: Record<string, unknown>, account: string | undefined, eventId = id('evt')) {
    return {
      id: eventId,
      object: 'event',
      ...(account ? { account } : {}),
      api_version: '2026-10-28.endive',
      created: now(),
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
  },
};
