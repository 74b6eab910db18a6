export { consoleRouter, defaultConsoleDir } from './static';
