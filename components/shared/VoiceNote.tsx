import { useEffect, useRef, useState } from 'preact/hooks';
import { CAPS } from '@/utils/model/caps';
import { t } from '@/utils/i18n';
import { messagesLocale } from '@/utils/phrases';

export interface VoiceClip {
  dataUrl: string;
  seconds: number;
}

/** "2.4 s" in the messages' language. */
function secondsText(seconds: number): string {
  return t('voiceSeconds', (Math.round(seconds * 10) / 10).toLocaleString(messagesLocale()));
}

/** Plays a voice note from the start; pressed again while playing, stops it. */
export function VoicePlay({ note, label }: { note: VoiceClip; label?: string }) {
  const audio = useRef<HTMLAudioElement | null>(null);
  const [playing, setPlaying] = useState(false);
  useEffect(
    () => () => {
      audio.current?.pause();
      audio.current = null;
    },
    [note.dataUrl],
  );
  const toggle = () => {
    if (!audio.current) {
      audio.current = new Audio(note.dataUrl);
      audio.current.onended = () => setPlaying(false);
      audio.current.onpause = () => setPlaying(false);
    }
    const a = audio.current;
    if (!a.paused) {
      a.pause();
      return;
    }
    a.currentTime = 0;
    setPlaying(true);
    a.play().catch(() => setPlaying(false));
  };
  return (
    <button type="button" class="kith-voice-play" aria-pressed={playing} onClick={toggle}>
      {label ?? t('voicePlay')} <span class="kith-muted">({secondsText(note.seconds)})</span>
    </button>
  );
}

/** The recorder's kind of audio: Opus in WebM (Chromium) or in Ogg (Firefox), whichever the browser makes. */
function recorderType(): string | undefined {
  return ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/ogg', 'audio/mp4'].find((type) => MediaRecorder.isTypeSupported(type));
}

/**
 * A recording as a data: URL the background accepts (utils/model/values.ts, voiceDataUrl): the
 * recorder's type without its codecs parameter, which players do not need.
 */
export function recordingDataUrl(type: string, base64: string): string {
  return `data:${type.split(';')[0]!.trim() || 'audio/webm'};base64,${base64}`;
}

function blobBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read'));
    reader.readAsDataURL(blob);
  });
}

/** A few kilobits a second: speech stays clear, and ten seconds stay within tens of KB. */
const BITS_PER_SECOND = 24_000;

/**
 * Records a voice note in the browser (MediaRecorder), a few seconds at most: it stops by itself at
 * CAPS.voiceNoteSeconds. The microphone is held only while recording.
 */
export function VoiceRecorder({ onRecorded }: { onRecorded: (clip: VoiceClip) => Promise<unknown> }) {
  const [state, setState] = useState<'idle' | 'recording' | 'saving'>('idle');
  const [elapsed, setElapsed] = useState(0);
  const [error, setError] = useState('');
  const recorder = useRef<MediaRecorder | null>(null);
  const stopButton = useRef<HTMLButtonElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);

  useEffect(() => () => recorder.current?.stop(), []);
  useEffect(() => {
    if (state === 'recording') stopButton.current?.focus();
    if (state === 'idle' && document.activeElement === document.body) startButton.current?.focus();
  }, [state]);

  const start = async () => {
    setError('');
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (e) {
      setError(t('voiceNoMic', (e as Error).message || (e as Error).name));
      return;
    }
    const type = recorderType();
    const rec = new MediaRecorder(stream, { ...(type ? { mimeType: type } : {}), audioBitsPerSecond: BITS_PER_SECOND });
    const chunks: Blob[] = [];
    const began = performance.now();
    const tick = setInterval(() => {
      const s = (performance.now() - began) / 1000;
      setElapsed(s);
      if (s >= CAPS.voiceNoteSeconds && rec.state === 'recording') rec.stop();
    }, 200);
    rec.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    rec.onstop = async () => {
      clearInterval(tick);
      for (const track of stream.getTracks()) track.stop();
      recorder.current = null;
      const seconds = Math.min(CAPS.voiceNoteSeconds, (performance.now() - began) / 1000);
      const blob = new Blob(chunks, { type: rec.mimeType || type || 'audio/webm' });
      setState('saving');
      try {
        const dataUrl = recordingDataUrl(blob.type, await blobBase64(blob));
        if (dataUrl.length > CAPS.voiceNoteDataUrl) throw new Error(t('voiceTooLong'));
        await onRecorded({ dataUrl, seconds });
      } catch (e) {
        setError((e as Error).message);
      } finally {
        setState('idle');
      }
    };
    recorder.current = rec;
    rec.start();
    setElapsed(0);
    setState('recording');
  };

  return (
    <span class="kith-voice-recorder">
      {state === 'recording' ? (
        <>
          <button type="button" ref={stopButton} class="kith-voice-stop" onClick={() => recorder.current?.stop()}>
            {t('voiceStop')}
          </button>
          <span class="kith-muted" role="status">
            {t('voiceRecording', secondsText(elapsed))}
          </span>
        </>
      ) : (
        <button type="button" ref={startButton} disabled={state === 'saving'} onClick={() => void start()}>
          {t(state === 'saving' ? 'voiceSaving' : 'voiceRecord')}
        </button>
      )}
      {error && (
        <span class="kith-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
