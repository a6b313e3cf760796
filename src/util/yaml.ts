/**
 * The YAML parser, in a module of its own: the commands that read a YAML file import this one when they do, so that
 * every other run of the CLI does not load the parser (a dynamic import of the yaml package itself gives the bundle
 * only its default export).
 */
export { parse as parseYaml } from 'yaml';
