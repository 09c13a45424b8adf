// A throwaway 3-master Redis Cluster on loopback: redis-server --cluster-enabled yes on free ports
// with temp dirs, joined by `redis-cli --cluster create ... --cluster-replicas 0`. stop() kills
// the servers (by pid) and deletes the dirs. Used by bench/cluster.bench.ts and
// test/cluster.e2e-spec.ts.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LocalCluster {
  ports: number[];
  /** `host:port,...` for REDIS_CLUSTER_NODES. */
  nodes: string;
  /** redis-cluster://host:port,... (what REDIS_CLUSTER_NODES turns into). */
  url: string;
  /** redis-server pids, for CPU accounting. */
  pids: number[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

const cli = (port: number, ...args: string[]) =>
  spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8', timeout: 10_000 }).stdout?.trim() ?? '';

export async function startLocalCluster(masters = 3): Promise<LocalCluster> {
  const ports: number[] = [];
  // Cluster nodes also listen on port + 10000 (the cluster bus): pick ports whose bus is free too.
  while (ports.length < masters) {
    const port = await freePort();
    if (port < 55_000 && !ports.includes(port)) ports.push(port);
  }
  const dirs: string[] = [];
  const servers: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      servers.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
            child.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      const dir = mkdtempSync(join(tmpdir(), 'bvs-cluster-'));
      dirs.push(dir);
      servers.push(
        spawn(
          'redis-server',
          [
            '--port',
            String(port),
            '--bind',
            '127.0.0.1',
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            join(dir, 'nodes.conf'),
            '--cluster-node-timeout',
            '5000',
            '--dir',
            dir,
            '--save',
            '',
            '--appendonly',
            'no',
          ],
          { stdio: 'ignore' },
        ),
      );
    }
    for (const port of ports) {
      let up = false;
      for (let i = 0; i < 100 && !up; i++) {
        up = cli(port, 'ping') === 'PONG';
        if (!up) await new Promise((r) => setTimeout(r, 50));
      }
      if (!up) throw new Error(`redis-server on ${port} did not start`);
    }
    const create = spawnSync(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    for (let i = 0; i < 200; i++) {
      if (ports.every((p) => cli(p, 'cluster', 'info').includes('cluster_state:ok'))) {
        const nodes = ports.map((p) => `127.0.0.1:${p}`).join(',');
        return { ports, nodes, url: `redis-cluster://${nodes}`, pids: servers.map((c) => c.pid!), stop };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('cluster did not reach cluster_state:ok');
  } catch (error) {
    await stop();
    throw error;
  }
}
