import { sequence } from './sequencing';

describe('keeping in step with the server', () => {
  it('shows the first message, then only higher seqs', () => {
    expect(sequence(null, 'snapshot', { seq: 5, prevSeq: null })).toEqual({ apply: true, resync: false });
    expect(sequence(null, 'update', { seq: 5, prevSeq: 3 })).toEqual({ apply: true, resync: false });
    expect(sequence(5, 'update', { seq: 6, prevSeq: 5 })).toEqual({ apply: true, resync: false });
    expect(sequence(6, 'update', { seq: 6, prevSeq: 5 })).toEqual({ apply: false, resync: false });
    expect(sequence(9, 'update', { seq: 7, prevSeq: 6 })).toEqual({ apply: false, resync: false });
    expect(sequence(9, 'snapshot', { seq: 9, prevSeq: null })).toEqual({ apply: false, resync: false });
  });

  it('asks for a resync after a missed update, and shows the newer view meanwhile', () => {
    expect(sequence(5, 'update', { seq: 9, prevSeq: 7 })).toEqual({ apply: true, resync: true });
    expect(sequence(5, 'snapshot', { seq: 9, prevSeq: null })).toEqual({ apply: true, resync: false });
  });
});
