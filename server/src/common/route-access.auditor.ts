import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { ACCESS_KEY } from './auth/access.decorator.js';

/** Refuses to start when any route forgot to declare who may call it. */
@Injectable()
export class RouteAccessAuditor implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const missing: string[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance) continue;
      const proto = Object.getPrototypeOf(instance);
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const handler = proto[name];
        if (this.reflector.get(PATH_METADATA, handler) === undefined) continue; // not a route
        const level = this.reflector.getAllAndOverride(ACCESS_KEY, [handler, wrapper.metatype as object]);
        if (!level) missing.push(`${wrapper.name}.${name}`);
      }
    }
    if (missing.length) throw new Error(`Routes without an access level (@Route(..., { access }) or @Access(...)): ${missing.join(', ')}`);
  }
}
