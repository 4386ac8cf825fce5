import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

// The BarcodeDetector API (Chrome on Android, Safari 17+) is not in TypeScript's DOM types yet.
interface DetectedCode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedCode[]>;
}
type DetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;
const Detector = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;

/** Whether this browser can scan: otherwise the patroller types the code printed under the QR code. */
export const canScan = (): boolean => !!Detector && !!navigator.mediaDevices?.getUserMedia;

/** Opens the back camera and hands over the first QR code it reads. */
export function ScanButton({ onRead, testId }: { onRead: (text: string) => void; testId: string }) {
  const { t } = useTranslation('patrol');
  const [open, setOpen] = useState(false);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (!open || !Detector) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    const detector = new Detector({ formats: ['qr_code'] });
    const look = async () => {
      if (stopped || !video.current) return;
      const found = await detector.detect(video.current).catch(() => []);
      if (found[0]) {
        onRead(found[0].rawValue);
        setOpen(false);
      } else setTimeout(() => void look(), 250);
    };
    void navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        void look();
      })
      .catch(() => setOpen(false));
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [open, onRead]);

  if (!canScan()) return null;
  return (
    <>
      <button type="button" className="pt-btn pt-btn--ghost" onClick={() => setOpen(true)} data-testid={testId}>
        {t('scan')}
      </button>
      {open && (
        <div className="pt-scan" role="dialog" aria-label={t('scanTitle')}>
          <p>{t('scanTitle')}</p>
          <video ref={video} playsInline muted />
          <button type="button" className="pt-btn pt-btn--block" onClick={() => setOpen(false)}>
            {t('cancel')}
          </button>
        </div>
      )}
    </>
  );
}
