/**
 * Every problem `code` the API answers (RFC 9457 `type` is `/problems/<code>`), with its
 * status and a Persian and English explanation; the problem pages are rendered from it.
 */
export interface ProblemKind {
  status: number;
  title: string;
  titleFa: string;
  about: string;
  aboutFa: string;
}

export const problemKinds = {
  validation: {
    status: 400,
    title: 'The request is not valid',
    titleFa: 'درخواست معتبر نیست',
    about:
      'A field is missing, unknown or out of range. `errors` lists each problem with its path; fix them and send again.',
    aboutFa:
      'فیلدی جا افتاده، ناشناخته است یا مقدارش مجاز نیست. فهرست `errors` هر ایراد را با مسیرش نشان می‌دهد؛ آن‌ها را اصلاح و دوباره ارسال کنید.',
  },
  'bad-request': {
    status: 400,
    title: 'The request could not be read',
    titleFa: 'درخواست خوانا نیست',
    about: 'The request line, headers or body framing are broken. Send a well-formed HTTP request.',
    aboutFa: 'سطر درخواست، سرآیندها یا قالب بدنه خراب است. یک درخواست HTTP درست بفرستید.',
  },
  'malformed-json': {
    status: 400,
    title: 'The body is not valid JSON',
    titleFa: 'بدنه JSON معتبر نیست',
    about: 'The body could not be parsed as JSON (UTF-8, an object or array).',
    aboutFa: 'بدنه به‌صورت JSON خوانده نشد (UTF-8، یک شیء یا آرایه).',
  },
  unauthorized: {
    status: 401,
    title: 'Authentication required',
    titleFa: 'احراز هویت لازم است',
    about:
      'The bearer token is missing, unknown, expired or revoked; or a gateway request has a missing, stale or wrong `X-Pishkhan-Signature`.',
    aboutFa:
      'توکن حامل نیست، ناشناخته، منقضی یا باطل شده است؛ یا امضای `X-Pishkhan-Signature` درخواست درگاه نیست، کهنه است یا نادرست است.',
  },
  forbidden: {
    status: 403,
    title: 'Not allowed for this role',
    titleFa: 'این نقش چنین اجازه‌ای ندارد',
    about: "The credential's role may not do this. Use a credential of a role that may.",
    aboutFa: 'نقش این اعتبارنامه اجازهٔ این کار را ندارد. با اعتبارنامهٔ نقش مجاز درخواست دهید.',
  },
  'not-found': {
    status: 404,
    title: 'Not found',
    titleFa: 'یافت نشد',
    about:
      "Nothing by that id, or it lies outside the caller's scope (another office, agency or province): both answer the same.",
    aboutFa:
      'چیزی با این شناسه نیست، یا بیرون از محدودهٔ دسترسی درخواست‌کننده است (دفتر، دستگاه یا استان دیگر): پاسخ هر دو یکی است.',
  },
  'illegal-state': {
    status: 409,
    title: 'Not allowed in the current state',
    titleFa: 'در وضعیت کنونی مجاز نیست',
    about:
      'The resource is in a state where this step does not apply (a suspended license, a closed day). `detail` says which.',
    aboutFa:
      'منبع در وضعیتی است که این گام در آن روا نیست (پروانهٔ تعلیق‌شده، روز بسته‌شده). `detail` می‌گوید کدام.',
  },
  concurrency: {
    status: 409,
    title: 'The resource changed meanwhile',
    titleFa: 'منبع در این فاصله تغییر کرد',
    about: 'Another change landed first (`If-Match` no longer matches). Read it again and retry.',
    aboutFa: 'تغییر دیگری زودتر ثبت شد (`If-Match` دیگر نمی‌خواند). دوباره بخوانید و تکرار کنید.',
  },
  'idempotency-in-progress': {
    status: 409,
    title: 'A request with this idempotency key is still running',
    titleFa: 'درخواستی با همین کلید یکتایی هنوز در جریان است',
    about: 'The first request with this `Idempotency-Key` has not finished. Retry after a moment.',
    aboutFa: 'نخستین درخواست با این `Idempotency-Key` هنوز تمام نشده است. اندکی بعد تکرار کنید.',
  },
  'access-refused': {
    status: 422,
    title: 'The customer-data look-up is refused by a rule',
    titleFa: 'دسترسی به اطلاعات مشتری طبق ضوابط رد شد',
    about:
      '`rule` names the rule: `no-instruction` (the agency has no acknowledged instruction in force for the service), `item-not-allowed`, `consent-missing`, `consent-wrong`, `consent-expired`, `customer-absent`, `license-inactive`, `service-not-assigned`, `limit-reached`, `outside-hours`, `direct-channel-closed` (only the exchange center may be used). The refused attempt is recorded in the audit; nothing was asked of the provider.',
    aboutFa:
      'فیلد `rule` ضابطهٔ نقض‌شده را می‌گوید: نبود دستورالعمل نافذ، قلم غیرمجاز، نبود یا نادرستی یا انقضای رضایت، حاضر نبودن مشتری، پروانهٔ غیرفعال، خدمت تخصیص‌نیافته، رسیدن به سقف، خارج از ساعات کاری، یا بسته بودن دسترسی مستقیم (فقط از طریق مرکز ملی تبادل اطلاعات). تلاش ردشده در ممیزی ثبت می‌شود و از ارائه‌دهنده چیزی پرسیده نشد.',
  },
  'payload-too-large': {
    status: 413,
    title: 'The body is too large',
    titleFa: 'بدنه بیش از اندازه بزرگ است',
    about: 'The body exceeds the limit (`BODY_LIMIT`; 16 kB for public filings). Split a batch.',
    aboutFa:
      'بدنه از سقف مجاز بزرگ‌تر است (`BODY_LIMIT`؛ برای ثبت عمومی ۱۶ کیلوبایت). دسته را بشکنید.',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Only application/json bodies are accepted',
    titleFa: 'فقط بدنهٔ application/json پذیرفته است',
    about: 'Send `Content-Type: application/json` in UTF-8 (gzip or deflate coding is accepted).',
    aboutFa:
      'با `Content-Type: application/json` و UTF-8 بفرستید (فشرده‌سازی gzip یا deflate پذیرفته است).',
  },
  'idempotency-mismatch': {
    status: 422,
    title: 'The idempotency key was used with another request',
    titleFa: 'کلید یکتایی با درخواست دیگری به کار رفته است',
    about:
      'This `Idempotency-Key` (or terminal and RRN) was first used with a different body. Use a new key for a new payment.',
    aboutFa:
      'این `Idempotency-Key` (یا پایانه و شمارهٔ مرجع) نخست با بدنهٔ دیگری به کار رفته است. برای پرداخت تازه کلید تازه بسازید.',
  },
  'rate-limited': {
    status: 429,
    title: 'Too many requests',
    titleFa: 'درخواست بیش از حد',
    about:
      'The credential or, on public routes, the client address used up its budget. Wait the seconds `Retry-After` gives.',
    aboutFa:
      'سهمیهٔ این اعتبارنامه یا، در مسیرهای عمومی، این نشانی تمام شده است. به اندازهٔ ثانیه‌های `Retry-After` صبر کنید.',
  },
  internal: {
    status: 500,
    title: 'Internal error',
    titleFa: 'خطای درونی',
    about: 'A defect on our side; it has been logged. Quote `requestId` when you report it.',
    aboutFa: 'ایرادی در سامانه؛ ثبت شده است. هنگام گزارش، `requestId` را بیاورید.',
  },
  'store-unavailable': {
    status: 503,
    title: 'The ledger store is unavailable; retry later',
    titleFa: 'انبارهٔ دفتر کل در دسترس نیست؛ بعداً تکرار کنید',
    about:
      'Nothing was recorded. Retry after `Retry-After` with the same `Idempotency-Key` (or terminal and RRN); it is recorded once.',
    aboutFa:
      'چیزی ثبت نشد. پس از `Retry-After` با همان `Idempotency-Key` (یا پایانه و شمارهٔ مرجع) تکرار کنید؛ یک بار ثبت می‌شود.',
  },
  'provider-unavailable': {
    status: 503,
    title: 'The customer-data provider is unavailable; retry later',
    titleFa: 'ارائه‌دهندهٔ اطلاعات مشتری در دسترس نیست؛ بعداً تکرار کنید',
    about:
      'The agency or the exchange center did not answer (timeout, error, refused connection, bad certificate, or its circuit breaker is open: `reason`). The failed attempt is recorded; no data was handed over. Retry after `Retry-After`.',
    aboutFa:
      'دستگاه یا مرکز تبادل اطلاعات پاسخ نداد (مهلت، خطا، قطع اتصال، گواهی نادرست یا مدار قطع: `reason`). تلاش ناموفق ثبت شد و داده‌ای داده نشد. پس از `Retry-After` تکرار کنید.',
  },
  'request-timeout': {
    status: 503,
    title: 'The request took too long; retry later',
    titleFa: 'درخواست بیش از حد طول کشید؛ بعداً تکرار کنید',
    about:
      'No answer within the time limit. The work may still land: retry with the same `Idempotency-Key` to get its answer.',
    aboutFa:
      'در مهلت پاسخی نرسید. ممکن است کار هنوز ثبت شود: با همان `Idempotency-Key` تکرار کنید تا پاسخش را بگیرید.',
  },
} satisfies Record<string, ProblemKind>;

export type ProblemCode = keyof typeof problemKinds;
