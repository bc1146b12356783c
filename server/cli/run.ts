// Entry point of server/bin/fed311.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
