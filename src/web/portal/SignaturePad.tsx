import { Box, Button, Group, Text } from '@mantine/core';
import { useEffect, useId, useRef, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';

const padHeight = 180;
const inkColour = '#1a1b1e';

/**
 * A box to draw a signature in with a mouse, a finger or a pen (pointer events), and a Clear button. Reports the
 * drawing as a PNG data URL after each stroke, or null once cleared.
 */
export function SignaturePad({
  onChange,
  isDisabled = false,
  errorId,
}: {
  onChange: (image: string | null) => void;
  isDisabled?: boolean;
  errorId?: string | undefined;
}) {
  const { t } = useTranslation();
  const hintId = useId();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ pointerId: number; x: number; y: number } | null>(null);
  const hasInk = useRef(false);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    // Drawn at the screen's density (at most 2×, which keeps the PNG well under the server's limit), and never wider
    // than the 4096 pixels the server accepts, however wide the window.
    const scale = Math.min(window.devicePixelRatio || 1, 2);
    canvas.width = Math.min(4096, Math.round((canvas.clientWidth || 320) * scale));
    canvas.height = Math.round(padHeight * scale);
  }, []);

  function pointOf(event: PointerEvent<HTMLCanvasElement> | globalThis.PointerEvent, canvas: HTMLCanvasElement) {
    const box = canvas.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) * canvas.width) / box.width,
      y: ((event.clientY - box.top) * canvas.height) / box.height,
    };
  }

  function context(canvas: HTMLCanvasElement) {
    const pen = canvas.getContext('2d');
    if (!pen) return null;
    pen.strokeStyle = inkColour;
    pen.fillStyle = inkColour;
    pen.lineWidth = Math.max(2, canvas.width / 250);
    pen.lineCap = 'round';
    pen.lineJoin = 'round';
    return pen;
  }

  function start(event: PointerEvent<HTMLCanvasElement>) {
    const canvas = canvasRef.current;
    if (isDisabled || !canvas || drawing.current !== null || (event.pointerType === 'mouse' && event.button !== 0))
      return;
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    const point = pointOf(event, canvas);
    drawing.current = { pointerId: event.pointerId, ...point };
    const pen = context(canvas);
    if (!pen) return;
    // A tap leaves a dot, as a pen on paper does.
    pen.beginPath();
    pen.arc(point.x, point.y, pen.lineWidth / 2, 0, Math.PI * 2);
    pen.fill();
    hasInk.current = true;
  }

  function move(event: PointerEvent<HTMLCanvasElement>) {
    const canvas = canvasRef.current;
    const current = drawing.current;
    if (!canvas || current === null || current.pointerId !== event.pointerId) return;
    event.preventDefault();
    const pen = context(canvas);
    if (!pen) return;
    // Coalesced events carry the points the browser merged between frames: without them fast strokes look jagged.
    const events =
      typeof event.nativeEvent.getCoalescedEvents === 'function' ? event.nativeEvent.getCoalescedEvents() : [];
    const points = (events.length > 0 ? events : [event.nativeEvent]).map((each) => pointOf(each, canvas));
    pen.beginPath();
    pen.moveTo(current.x, current.y);
    for (const point of points) pen.lineTo(point.x, point.y);
    pen.stroke();
    const last = points.at(-1);
    if (last) drawing.current = { pointerId: current.pointerId, ...last };
  }

  function end(event: PointerEvent<HTMLCanvasElement>) {
    const canvas = canvasRef.current;
    if (!canvas || drawing.current?.pointerId !== event.pointerId) return;
    drawing.current = null;
    if (canvas.hasPointerCapture(event.pointerId)) canvas.releasePointerCapture(event.pointerId);
    if (hasInk.current) onChange(canvas.toDataURL('image/png'));
  }

  function clear() {
    const canvas = canvasRef.current;
    if (!canvas) return;
    canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    drawing.current = null;
    hasInk.current = false;
    onChange(null);
  }

  return (
    <Box>
      <Text size="sm" c="dimmed" id={hintId} mb={4}>
        {t('portal.delivery.padHint')}
      </Text>
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={t('portal.delivery.padLabel')}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ')}
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerCancel={end}
        style={{
          display: 'block',
          width: '100%',
          height: padHeight,
          // Without this a finger drawing on a phone scrolls the page instead.
          touchAction: 'none',
          cursor: isDisabled ? 'not-allowed' : 'crosshair',
          background: 'white',
          border: `1px solid ${errorId ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-gray-5)'}`,
          borderRadius: 'var(--mantine-radius-sm)',
        }}
      />
      <Group justify="flex-end" mt={4}>
        <Button variant="default" size="xs" onClick={clear} disabled={isDisabled}>
          {t('portal.delivery.clear')}
        </Button>
      </Group>
    </Box>
  );
}
