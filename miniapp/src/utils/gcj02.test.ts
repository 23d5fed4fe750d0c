import { distanceM, wgs84ToGcj02 } from './gcj02'

test('in Beijing the GPS point moves a few hundred metres north-east onto the GCJ-02 map', () => {
  const gps = { lat: 39.90872, lng: 116.39748 }
  const gcj = wgs84ToGcj02(gps)
  expect(gcj.lat - gps.lat).toBeCloseTo(0.0014, 3)
  expect(gcj.lng - gps.lng).toBeCloseTo(0.0062, 3)
  const shift = distanceM(gps, gcj)
  expect(shift).toBeGreaterThan(400)
  expect(shift).toBeLessThan(700)
})

test('outside China nothing moves', () => {
  const paris = { lat: 48.8584, lng: 2.2945 }
  expect(wgs84ToGcj02(paris)).toEqual(paris)
})

test('distanceM: 0.001° of latitude is about 111 m', () => {
  expect(distanceM({ lat: 30, lng: 120 }, { lat: 30.001, lng: 120 })).toBeCloseTo(111.2, 0)
})
