#!/usr/bin/env python3
"""Writes a kustomize repository for the build benchmark (bench/kustomize.sh).

Usage: bench/gen_kustomize.py OUT_DIR [APPS]   (default 350 apps)

Each app is the layout real repositories use: a base (Deployment, Service, HPA, PDB and a
configMapGenerator) and three overlays (dev, staging, prod), each with a namespace, a name
prefix, labels, an `images:` entry, replicas, a strategic-merge patch file, an inline JSON 6902
patch and a generator that merges into the base's. Every overlay builds 5 objects, so 350 apps
build 5,250 objects. Deterministic: no clock, no randomness; the same arguments write the same
bytes.
"""
import os
import sys

BASE_KUSTOMIZATION = """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
- deployment.yaml
- service.yaml
- hpa.yaml
- pdb.yaml
labels:
- pairs:
    app.kubernetes.io/name: {app}
  includeSelectors: true
  includeTemplates: true
configMapGenerator:
- name: {app}-config
  literals:
  - LOG_LEVEL=info
  - PORT=8080
"""

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {app}
spec:
  replicas: 2
  selector:
    matchLabels:
      component: server
  template:
    metadata:
      labels:
        component: server
    spec:
      containers:
      - name: server
        image: registry.example.com/{app}:1.0.0
        ports:
        - name: http
          containerPort: 8080
        envFrom:
        - configMapRef:
            name: {app}-config
        env:
        - name: MODE
          value: base
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
          limits:
            memory: 256Mi
        readinessProbe:
          httpGet:
            path: /ready
            port: http
        livenessProbe:
          httpGet:
            path: /healthz
            port: http
          initialDelaySeconds: 10
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          runAsNonRoot: true
      - name: sidecar
        image: registry.example.com/proxy:2.3.1
        resources:
          requests:
            cpu: 50m
            memory: 64Mi
          limits:
            memory: 64Mi
"""

SERVICE = """\
apiVersion: v1
kind: Service
metadata:
  name: {app}
spec:
  selector:
    component: server
  ports:
  - name: http
    port: 80
    targetPort: http
"""

HPA = """\
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {app}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {app}
  minReplicas: 2
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 70
"""

PDB = """\
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {app}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      component: server
"""

OVERLAY_KUSTOMIZATION = """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: {app}-{env}
namePrefix: {env}-
resources:
- ../../base
labels:
- pairs:
    environment: {env}
images:
- name: registry.example.com/{app}
  newTag: "1.{n}.{i}"
patches:
- path: resources.yaml
- target:
    kind: Deployment
    name: {app}
  patch: |-
    - op: replace
      path: /spec/template/spec/containers/0/env/0/value
      value: {env}
configMapGenerator:
- name: {app}-config
  behavior: merge
  literals:
  - LOG_LEVEL={level}
"""

OVERLAY_PATCH = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {app}
spec:
  template:
    spec:
      containers:
      - name: server
        resources:
          requests:
            cpu: {cpu}m
          limits:
            memory: {memory}Mi
"""

ENVS = [("dev", "debug", 100, 256), ("staging", "info", 200, 512), ("prod", "warn", 500, 1024)]


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    apps = int(sys.argv[2]) if len(sys.argv) > 2 else 350
    for i in range(apps):
        app = f"svc{i:04d}"
        root = os.path.join(out, "apps", app)
        write(os.path.join(root, "base", "kustomization.yaml"), BASE_KUSTOMIZATION.format(app=app))
        write(os.path.join(root, "base", "deployment.yaml"), DEPLOYMENT.format(app=app))
        write(os.path.join(root, "base", "service.yaml"), SERVICE.format(app=app))
        write(os.path.join(root, "base", "hpa.yaml"), HPA.format(app=app))
        write(os.path.join(root, "base", "pdb.yaml"), PDB.format(app=app))
        for n, (env, level, cpu, memory) in enumerate(ENVS):
            overlay = os.path.join(root, "overlays", env)
            write(os.path.join(overlay, "kustomization.yaml"),
                  OVERLAY_KUSTOMIZATION.format(app=app, env=env, n=n, i=i, level=level))
            write(os.path.join(overlay, "resources.yaml"),
                  OVERLAY_PATCH.format(app=app, cpu=cpu, memory=memory))
    print(f"apps {apps} roots {apps * len(ENVS)} objects {apps * len(ENVS) * 5}")


if __name__ == "__main__":
    main()
