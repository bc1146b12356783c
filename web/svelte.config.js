// The dashboard: SvelteKit built by adapter-node into web/build, whose handler server/dashboard.ts mounts in Koa.
import adapter from '@sveltejs/adapter-node';

export default {
  kit: { adapter: adapter({ out: 'build', precompress: true }) },
};
