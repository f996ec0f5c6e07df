import { foldBench } from './fold.bench';
foldBench().then((r) => console.log(JSON.stringify(r, null, 1)), (e) => { console.error(e); process.exit(1); });
