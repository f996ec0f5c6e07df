import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createShopServer, type Route, type ShopServices } from './server';
import { HttpError } from './response';

describe('createShopServer', () => {
  const appended: { status: number; target: string }[] = [];
  const shop = {
    config: { teamName: 'Team <1>', integrityToken: 'token-123456', opsToken: 'ops-token-0123456789' },
    accessLog: { append: (record: { status: number; target: string }) => appended.push(record) },
    now: () => new Date(),
  } as unknown as ShopServices;
  const routes: Route[] = [
    {
      method: 'GET',
      path: '/boom',
      answers: 'json',
      handle() {
        throw new Error('secret internal detail');
      },
    },
    {
      method: 'GET',
      path: '/boom-async',
      answers: 'html',
      async handle() {
        await Promise.resolve();
        throw new TypeError('secret internal detail');
      },
    },
    {
      method: 'GET',
      path: '/teapot/:name',
      answers: 'json',
      handle({ params }) {
        throw new HttpError(418, 'teapot', `I am ${params.name}`);
      },
    },
  ];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createShopServer(shop, routes);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => stderr.mockRestore());

  it('answers an unexpected error with a generic 500, in the route format, and stays up', async () => {
    const json = await fetch(`${url}/boom`);
    expect(json.status).toBe(500);
    expect(await json.json()).toEqual({ error: 'internal_error', message: 'something went wrong' });
    const html = await fetch(`${url}/boom-async`);
    expect(html.status).toBe(500);
    const page = await html.text();
    expect(page).not.toContain('secret');
    expect(page).toContain('Team &lt;1&gt;');
    expect(stderr).toHaveBeenCalled();
    expect((await fetch(`${url}/teapot/earl%20grey`)).status).toBe(418);
  });

  it('decodes parameters and treats bad percent-encoding as not found', async () => {
    expect(await (await fetch(`${url}/teapot/earl%20grey`)).json()).toMatchObject({ message: 'I am earl grey' });
    expect((await fetch(`${url}/teapot/%E0%A4%A`)).status).toBe(404);
  });

  it('logs each request once with its status', async () => {
    appended.length = 0;
    await (await fetch(`${url}/nowhere?x=1`)).text();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(appended).toEqual([expect.objectContaining({ status: 404, target: '/nowhere?x=1' })]);
  });
});
