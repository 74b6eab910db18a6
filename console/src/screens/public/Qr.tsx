import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n';
import { qrPath } from './forms';

/**
 * A QR code of `text`, drawn here as SVG: the qrcode library is fetched from the console's own
 * files only when a receipt is shown, so the first screen does not carry it, and nothing about
 * the receipt leaves the machine to draw it.
 */
export function QrCode({ text }: { text: string }) {
  const { t } = useI18n();
  const [drawn, setDrawn] = useState<{ size: number; path: string }>();
  useEffect(() => {
    let live = true;
    void import('qrcode').then(({ create }) => {
      const { modules } = create(text, { errorCorrectionLevel: 'M' });
      const path = qrPath(modules.size, (row, col) => modules.get(row, col) === 1);
      if (live) setDrawn({ size: modules.size, path });
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (!drawn)
    return (
      <p class="state" role="status">
        {t('receipt.qrLoading')}
      </p>
    );
  // Four modules of quiet zone around the code, as readers need.
  const box = drawn.size + 8;
  return (
    <figure class="qr">
      <svg
        viewBox={`-4 -4 ${box} ${box}`}
        role="img"
        aria-label={t('receipt.qr')}
        shape-rendering="crispEdges"
        data-href={text}
      >
        <rect x="-4" y="-4" width={box} height={box} fill="#fff" />
        <path d={drawn.path} fill="#000" />
      </svg>
      <figcaption>{t('receipt.qr')}</figcaption>
    </figure>
  );
}
