import { useEffect, useRef, useState } from 'react';
import { CandlestickSeries, ColorType, createChart, CrosshairMode, HistogramSeries } from 'lightweight-charts';
import type { IChartApi, ISeriesApi, UTCTimestamp } from 'lightweight-charts';
import { bucketStart, CandleSeries, CHART_INTERVALS } from '../lib/candles';
import type { Candle, ChartInterval } from '../lib/candles';
import { compare, toChartNumber } from '../lib/decimal';
import { priceDecimals } from '../lib/format';
import { streams } from '../lib/stream-client';
import type { Instrument, KlineEvent, TradeEvent } from '../lib/api-types';
import { useRuntime } from '../hooks/runtime-context';

const UP = '#0ecb81';
const DOWN = '#f6465d';

interface ChartHandles {
  chart: IChartApi;
  candles: ISeriesApi<'Candlestick'>;
  volume: ISeriesApi<'Histogram'>;
}

type ChartStatus = 'loading' | 'live' | 'stale' | 'error';

// Numbers below are chart coordinates only: values shown as text never go through them.
function bar(c: Candle) {
  return {
    time: (c.openTime / 1000) as UTCTimestamp,
    open: toChartNumber(c.open),
    high: toChartNumber(c.high),
    low: toChartNumber(c.low),
    close: toChartNumber(c.close),
  };
}

function volumeBar(c: Candle) {
  return {
    time: (c.openTime / 1000) as UTCTimestamp,
    value: toChartNumber(c.volume),
    color: compare(c.close, c.open) >= 0 ? 'rgba(14, 203, 129, 0.45)' : 'rgba(246, 70, 93, 0.45)',
  };
}

/**
 * Candles with volume. History is loaded once over REST when the kline subscription is acknowledged
 * (again after a reconnect); afterwards kline updates replace candles and trades are folded into the open
 * one. Chart updates are applied once per animation frame.
 */
export function PriceChart({ instrument }: { instrument: Instrument }) {
  const { api, streams: client } = useRuntime();
  const [interval, setChartInterval] = useState<ChartInterval>('1m');
  const [status, setStatus] = useState<ChartStatus>('loading');
  const container = useRef<HTMLDivElement>(null);
  const handles = useRef<ChartHandles | null>(null);
  const symbol = instrument.symbol;

  useEffect(() => {
    const chart = createChart(container.current!, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: '#12161c' },
        textColor: '#848e9c',
        fontSize: 11,
        fontFamily: 'Inter, system-ui, -apple-system, Segoe UI, Roboto, sans-serif',
      },
      grid: { vertLines: { color: '#1b2028' }, horzLines: { color: '#1b2028' } },
      crosshair: { mode: CrosshairMode.Normal },
      rightPriceScale: { borderColor: '#2a313c' },
      timeScale: { borderColor: '#2a313c', timeVisible: true, secondsVisible: false },
    });
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      borderVisible: false,
      wickUpColor: UP,
      wickDownColor: DOWN,
    });
    candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.28 } });
    const volume = chart.addSeries(HistogramSeries, { priceFormat: { type: 'volume' }, priceScaleId: '' });
    volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    handles.current = { chart, candles, volume };
    return () => {
      handles.current = null;
      chart.remove();
    };
  }, []);

  useEffect(() => {
    const h = handles.current!;
    const precision = priceDecimals(instrument);
    h.candles.applyOptions({
      priceFormat: { type: 'price', precision, minMove: toChartNumber(instrument.tickSize) },
    });
  }, [instrument]);

  useEffect(() => {
    const h = handles.current!;
    const series = new CandleSeries(interval);
    const changed = new Map<number, Candle>();
    let loaded = false;
    let active = true;
    let generation = 0;
    let frame = 0;
    let lastDrawn = -1;
    let retry: ReturnType<typeof setTimeout> | undefined;
    // Stream events that arrive while history is loading, replayed on top of it.
    let pendingKlines: KlineEvent['k'][] = [];
    let pendingTrades: TradeEvent[] = [];

    h.candles.setData([]);
    h.volume.setData([]);
    setStatus('loading');

    // What the canvas shows, as data attributes on its container, for the browser tests (e2e/).
    const mark = () => {
      const el = container.current;
      const last = series.last();
      if (!el) return;
      el.dataset.candles = String(series.candles().length);
      el.dataset.lastOpen = last ? String(last.openTime) : '';
      el.dataset.lastClose = last?.close ?? '';
    };
    const draw = () => {
      frame = 0;
      if (!active || !loaded) return;
      const list = [...changed.values()].sort((a, b) => a.openTime - b.openTime);
      changed.clear();
      for (const c of list) {
        const historical = c.openTime < lastDrawn;
        h.candles.update(bar(c), historical);
        h.volume.update(volumeBar(c), historical);
        if (c.openTime > lastDrawn) lastDrawn = c.openTime;
      }
      mark();
    };
    const touched = (c: Candle | null) => {
      if (!c) return;
      changed.set(c.openTime, c);
      if (!frame) frame = requestAnimationFrame(draw);
    };
    const foldTrade = (ev: TradeEvent) => touched(series.applyTrade({ id: ev.t, price: ev.p, qty: ev.q, time: ev.T }));
    mark();

    const load = () => {
      const mine = ++generation;
      setStatus('loading');
      api.klines(symbol, interval, 500).then(
        (rows) => {
          if (!active || mine !== generation) return;
          series.load(rows);
          const lastOpen = series.last()?.openTime ?? -1;
          for (const k of pendingKlines) series.applyKline(k);
          // Trades inside the last REST candle may already be counted there; the next kline update settles it.
          for (const t of pendingTrades) if (bucketStart(t.T, interval) > lastOpen) series.applyTrade({ id: t.t, price: t.p, qty: t.q, time: t.T });
          pendingKlines = [];
          pendingTrades = [];
          const all = series.candles();
          h.candles.setData(all.map(bar));
          h.volume.setData(all.map(volumeBar));
          lastDrawn = all.length ? all[all.length - 1].openTime : -1;
          changed.clear();
          mark();
          loaded = true;
          setStatus('live');
        },
        () => {
          if (!active || mine !== generation) return;
          setStatus('error');
          retry = setTimeout(() => active && mine === generation && load(), 3000);
        },
      );
    };

    const offKline = client.subscribe<KlineEvent>(streams.kline(symbol, interval), {
      onData: (ev) => {
        if (!loaded) pendingKlines.push(ev.k);
        else touched(series.applyKline(ev.k));
      },
      onSubscribed: load,
      onInterrupted: () => {
        loaded = false;
        generation += 1;
        pendingKlines = [];
        pendingTrades = [];
        setStatus('stale');
      },
    });
    const offTrade = client.subscribe<TradeEvent>(streams.trade(symbol), {
      onData: (ev) => {
        if (!loaded) pendingTrades.push(ev);
        else foldTrade(ev);
      },
    });
    return () => {
      active = false;
      offKline();
      offTrade();
      if (frame) cancelAnimationFrame(frame);
      clearTimeout(retry);
    };
  }, [api, client, symbol, interval]);

  return (
    <section className="panel chart" aria-label="Chart">
      <div className="panel-head">
        <div className="segmented" role="tablist" aria-label="Interval">
          {CHART_INTERVALS.map((i) => (
            <button
              key={i}
              type="button"
              role="tab"
              aria-selected={i === interval}
              className={i === interval ? 'active' : ''}
              onClick={() => setChartInterval(i)}
            >
              {i}
            </button>
          ))}
        </div>
        <span className={`chart-status status-${status}`}>
          {status === 'loading' ? 'loading…' : status === 'stale' ? 'reconnecting…' : status === 'error' ? 'history unavailable' : ''}
        </span>
      </div>
      <div className="chart-body" ref={container} data-testid="chart" data-status={status} data-interval={interval} />
    </section>
  );
}
