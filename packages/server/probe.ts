import { createOvi } from './src/app';
let t = Date.now();
const ovi = await createOvi({ port: 0, host: '127.0.0.1', seedDemo: true, logLevel: 'silent', bodyLimit: 1 << 20 });
console.log('createOvi ms', Date.now() - t);
const r = await ovi.services.db.query("SELECT resource_type, count(*) FROM resource GROUP BY 1 ORDER BY 1");
console.log(JSON.stringify(r.rows));
console.log((await ovi.services.schedulingSettings.templates()).length);
await ovi.close();
