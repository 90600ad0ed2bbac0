// The frontend tests follow the renderer's lint rules (ESLint looks up the config from each file's folder).
import frontendConfig from '../../frontend/eslint.config.js';

export default frontendConfig;
