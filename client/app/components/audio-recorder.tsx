import { useEffect, useRef, useState } from 'react';

type State = { readonly kind: 'idle' } | { readonly kind: 'recording'; readonly since: number } | { readonly kind: 'error'; readonly message: string };

/** Records a voice note with MediaRecorder and hands the finished clip to `onRecorded`. */
export function AudioRecorder({ onRecorded }: { readonly onRecorded: (clip: Blob, name: string) => void }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [now, setNow] = useState(0);
  const recorder = useRef<MediaRecorder | null>(null);

  useEffect(() => {
    if (state.kind !== 'recording') return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [state.kind]);

  // Leaving the task mid-recording stops the microphone instead of leaving it on.
  useEffect(() => () => recorder.current?.stream.getTracks().forEach((t) => t.stop()), []);

  if (typeof MediaRecorder === 'undefined') return null;

  const start = async () => {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      setState({ kind: 'error', message: 'The microphone is blocked. Allow it in the browser settings to record.' });
      return;
    }
    const type = ['audio/webm;codecs=opus', 'audio/mp4', 'audio/ogg'].find((t) => MediaRecorder.isTypeSupported(t));
    const rec = new MediaRecorder(stream, type === undefined ? {} : { mimeType: type });
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => chunks.push(e.data);
    rec.onstop = () => {
      stream.getTracks().forEach((t) => t.stop());
      const clip = new Blob(chunks, { type: rec.mimeType || 'audio/webm' });
      const ext = clip.type.includes('mp4') ? 'm4a' : clip.type.includes('ogg') ? 'ogg' : 'webm';
      const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ').replace(':', '.');
      onRecorded(clip, `Voice note ${stamp}.${ext}`);
      setState({ kind: 'idle' });
    };
    recorder.current = rec;
    rec.start();
    setNow(Date.now());
    setState({ kind: 'recording', since: Date.now() });
  };

  const stop = () => recorder.current?.stop();

  return (
    <div className="recorder">
      {state.kind === 'recording' ? (
        <button type="button" className="danger" onClick={stop} aria-live="polite">
          ■ Stop recording ({Math.max(0, Math.round((now - state.since) / 1000))} s)
        </button>
      ) : (
        <button type="button" onClick={() => void start()}>● Record voice note</button>
      )}
      {state.kind === 'error' && <p className="error" role="alert">{state.message}</p>}
    </div>
  );
}
