import { createServer } from 'node:http';

/**
 * The same echo on node's own `http` module, without express: what the platform allows.
 * Not a floor of any target; it shows how much of the express floor is express.
 */
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as object;
    const json = Buffer.from(JSON.stringify({ received: Object.keys(body).length }));
    res.writeHead(201, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': json.length,
    });
    res.end(json);
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.send?.({ port: address.port });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
