// docker-compose.yml cannot run here (no engine), so it is kept correct by reading: Debian's docker-compose validates
// it, and the services carry the settings the applications actually read.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

const config = () => execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], { encoding: 'utf8' });

test('docker-compose.yml is valid and wires each profile to the settings the processes read', () => {
  const text = config();
  const service = (name) => text.split(/\n  (?=[a-z-]+:\n)/).find((block) => block.startsWith(`${name}:`)) ?? '';

  for (const name of ['postgres', 'frontend', 'cluster-frontend', 'silo', 'rabbitmq']) {
    assert.ok(service(name), `service ${name}`);
  }
  assert.match(service('frontend'), /- embedded/);
  assert.match(service('frontend'), /DATABASE_URL: postgres:\/\/postgres:postgres@postgres:5432\/orleansrides/);
  assert.doesNotMatch(service('frontend'), /Cluster__Enabled/);
  for (const name of ['silo', 'cluster-frontend', 'rabbitmq']) {
    assert.match(service(name), /- cluster/, `${name} is in the cluster profile`);
  }
  assert.match(service('cluster-frontend'), /Cluster__Enabled: 'true'|Cluster__Enabled: "true"|Cluster__Enabled: true/);
  for (const name of ['silo', 'cluster-frontend']) {
    assert.match(service(name), /Cluster__RabbitMqUrl: amqp:\/\/guest:guest@rabbitmq:5672\//, `${name} reaches the broker`);
    assert.match(service(name), /DATABASE_URL: postgres:\/\//, `${name} reaches PostgreSQL`);
  }
  assert.match(service('silo'), /target: silo/);
  for (const name of ['frontend', 'cluster-frontend']) {
    assert.match(service(name), /Auth__SigningKey:/, `${name} takes the shared token signing key`);
    assert.match(service(name), /healthcheck:[\s\S]*\/api\/v1\/health\/ready/, `${name} is checked for readiness`);
  }
});
