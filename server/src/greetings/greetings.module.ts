import { Module } from '@nestjs/common';
import { GreetingsController } from './greetings.controller.js';
import { GreetingsService } from './greetings.service.js';

@Module({ controllers: [GreetingsController], providers: [GreetingsService], exports: [GreetingsService] })
export class GreetingsModule {}
