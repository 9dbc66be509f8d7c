/**
 * The Dockerfile, read (dockerfile-ast) and carried out without Docker: each stage in a folder
 * of its own standing for its WORKDIR, COPY from the build context (the repository's files
 * through .dockerignore) or from an earlier stage, RUN in that folder with the stage's ENV.
 * Instructions this does not carry out are refused, so the test cannot drift from the file.
 */
import { execSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import dockerignore from '@balena/dockerignore';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { root } from '../../lib/paths';
import { repositoryFiles } from './repository';

export const dockerfilePath = path.join(root, 'Dockerfile');

export interface Step {
  keyword: string;
  /** The arguments as written (a RUN's shell command). */
  text: string;
  args: string[];
  flags: Record<string, string>;
}

export interface Stage {
  name: string | undefined;
  base: string;
  steps: Step[];
}

/** The Dockerfile's stages and their instructions, in order. */
export function readDockerfile(): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(
    readFileSync(dockerfilePath, 'utf8'),
  ).getInstructions()) {
    const step = stepOf(instruction);
    if (step.keyword === 'FROM') {
      const [base, as, name] = step.args;
      stages.push({ base: base!, name: as?.toUpperCase() === 'AS' ? name : undefined, steps: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`Dockerfile: ${step.keyword} before FROM`);
      stage.steps.push(step);
    }
  }
  return stages;
}

function stepOf(instruction: Instruction): Step {
  const flags =
    'getFlags' in instruction && typeof instruction.getFlags === 'function'
      ? Object.fromEntries(
          (instruction.getFlags() as { getName(): string; getValue(): string | null }[]).map(
            (flag) => [flag.getName(), flag.getValue() ?? ''],
          ),
        )
      : {};
  let text = instruction.getArgumentsContent() ?? '';
  // Flags are part of the arguments' text; the rest is what the instruction says.
  for (const [name, value] of Object.entries(flags)) {
    text = text.replace(`--${name}${value ? `=${value}` : ''}`, '').trim();
  }
  return {
    keyword: instruction.getKeyword(),
    text,
    args: instruction.getArguments().map((argument) => argument.getValue()),
    flags,
  };
}

/** An exec-form (JSON array) instruction's words: CMD, ENTRYPOINT, HEALTHCHECK's CMD. */
export function execForm(step: Step): string[] {
  const json = step.keyword === 'HEALTHCHECK' ? step.text.replace(/^CMD\s+/, '') : step.text;
  const words = JSON.parse(json) as unknown;
  if (!Array.isArray(words)) throw new Error(`${step.keyword} is not in exec form`);
  return words as string[];
}

/** The build context: the repository's files (tracked, or new and not ignored) through .dockerignore. */
export function contextFiles(): string[] {
  const rules = dockerignore().add(readFileSync(path.join(root, '.dockerignore'), 'utf8'));
  return rules.filter(repositoryFiles());
}

export interface Image {
  /** The final stage's WORKDIR: the tree the processes run in. */
  dir: string;
  env: Record<string, string>;
  user: { uid: number; gid: number };
  entrypoint: string[];
  cmd: string[];
  healthcheck: string[];
  /** Every stage as carried out, by name (or index). */
  stages: Map<string, { dir: string; workdir: string }>;
}

/**
 * Carries out every stage under `scratch` and returns the final one. RUN steps run as this
 * process's user (root, as Docker builds) with PATH and HOME from here and the stage's ENV.
 */
export function buildImage(scratch: string, onStep?: (step: Step) => void): Image {
  const context = contextFiles();
  const built = new Map<string, { dir: string; workdir: string }>();
  let image: Image | undefined;
  readDockerfile().forEach((stage, index) => {
    const dir = path.join(scratch, stage.name ?? `stage-${index}`);
    let workdir: string | undefined;
    const env: Record<string, string> = {};
    let user: Image['user'] | undefined;
    const words: Record<string, string[]> = {};
    const inside = (to: string) => {
      if (!workdir) throw new Error('Dockerfile: a relative destination before WORKDIR');
      const absolute = path.posix.resolve(workdir, to);
      if (absolute !== workdir && !absolute.startsWith(`${workdir}/`)) {
        throw new Error(`Dockerfile: ${to} is outside the WORKDIR ${workdir}`);
      }
      return path.join(dir, path.posix.relative(workdir, absolute));
    };
    for (const step of stage.steps) {
      onStep?.(step);
      switch (step.keyword) {
        case 'WORKDIR':
          if (workdir) throw new Error('Dockerfile: one WORKDIR per stage');
          workdir = step.args[0]!;
          mkdirSync(dir, { recursive: true });
          break;
        case 'ENV':
          for (const pair of step.args) {
            const [key, ...value] = pair.split('=');
            env[key!] = value.join('=');
          }
          break;
        case 'COPY': {
          const sources = step.args.slice(0, -1);
          const destination = inside(step.args.at(-1)!);
          const unknown = Object.keys(step.flags).filter((flag) => flag !== 'from');
          if (unknown.length) throw new Error(`Dockerfile: COPY --${unknown} not carried out`);
          if (step.flags.from) {
            const from = built.get(step.flags.from);
            if (!from) throw new Error(`Dockerfile: no stage ${step.flags.from}`);
            for (const source of sources) {
              const relative = path.posix.relative(from.workdir, source);
              if (relative.startsWith('..'))
                throw new Error(`Dockerfile: ${source} not under WORKDIR`);
              cpSync(path.join(from.dir, relative), destination, { recursive: true });
            }
          } else {
            for (const source of sources) {
              const wanted = source === '.' ? context : context.filter((file) => file === source);
              if (wanted.length === 0)
                throw new Error(`Dockerfile: COPY ${source}: not in the context`);
              // `COPY . dest` copies the context's contents; `COPY file… dir/` each file by name.
              for (const file of wanted) {
                cpSync(
                  path.join(root, file),
                  path.join(destination, source === '.' ? file : path.basename(file)),
                );
              }
            }
          }
          break;
        }
        case 'RUN':
          execSync(step.text, {
            cwd: dir,
            shell: '/bin/sh',
            stdio: 'ignore',
            env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
          });
          break;
        case 'USER': {
          const [uid, gid] = step.args[0]!.split(':').map(Number);
          if (!Number.isInteger(uid) || !Number.isInteger(gid)) {
            throw new Error('Dockerfile: USER must be numeric uid:gid');
          }
          user = { uid: uid!, gid: gid! };
          break;
        }
        case 'CMD':
        case 'ENTRYPOINT':
        case 'HEALTHCHECK':
          words[step.keyword] = execForm(step);
          break;
        case 'EXPOSE':
          break;
        default:
          throw new Error(
            `Dockerfile: ${step.keyword} is not carried out by test/support/dockerfile.ts`,
          );
      }
    }
    if (!workdir) throw new Error('Dockerfile: a stage without WORKDIR');
    built.set(stage.name ?? String(index), { dir, workdir });
    image = {
      dir,
      env,
      user: user ?? { uid: 0, gid: 0 },
      entrypoint: words.ENTRYPOINT ?? [],
      cmd: words.CMD ?? [],
      healthcheck: words.HEALTHCHECK ?? [],
      stages: built,
    };
  });
  if (!image) throw new Error('Dockerfile: no stage');
  return image;
}
