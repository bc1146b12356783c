// Loaded with --import by server/bin/fed311: resolving tsx from here finds fed311's own copy, whatever the cwd.
import { register } from 'tsx/esm/api';

register();
