import express from 'express';

/**
 * The HTTP floor: express 5 doing nothing but parse a JSON body and answer 201,
 * so `payments.http.*` can be read as a fraction of what the framework allows.
 */
const app = express();
app.use(express.json({ limit: '16kb' }));
app.post('/echo', (req, res) => {
  res.status(201).json({ received: Object.keys(req.body as object).length });
});

const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.send?.({ port: address.port });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
