import { describe, expect, it } from 'vitest';
import { connectionSpeed, describeDownloadTime, describeSpeedSource } from './downloadTime';

describe('download time', () => {
  it('uses the speed the browser reports, or says the one it assumes', () => {
    expect(connectionSpeed(10)).toEqual({ mbitPerS: 10, measured: true });
    expect(connectionSpeed(undefined)).toEqual({ mbitPerS: 25, measured: false });
    expect(connectionSpeed(0)).toEqual({ mbitPerS: 25, measured: false });
    expect(describeSpeedSource(connectionSpeed(undefined))).toMatch(/assume 25 Mbit\/s/);
    expect(describeSpeedSource(connectionSpeed(1.55))).toMatch(/at 1.6 Mbit\/s, the speed/);
  });

  it('says the time in minutes or hours, with the speed', () => {
    const assumed = connectionSpeed(undefined);
    expect(describeDownloadTime(100, assumed)).toBe('under a minute at 25 Mbit/s');
    expect(describeDownloadTime(619, assumed)).toBe('about 3 min at 25 Mbit/s');
    expect(describeDownloadTime(5400, connectionSpeed(10))).toBe('about 1 h 10 min at 10 Mbit/s');
    expect(describeDownloadTime(5400, connectionSpeed(6))).toBe('about 2 h at 6 Mbit/s');
  });
});
