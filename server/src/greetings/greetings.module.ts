import { GreetingsLedger } from './greetings.ledger.js';
import { Module } from '@nestjs/common';
import { GreetingsController } from './greetings.controller.js';
import { GreetingsRepository } from './greetings.repository.js';
import { GreetingsService } from './greetings.service.js';

@Module({ controllers: [GreetingsController], providers: [GreetingsService, GreetingsRepository, GreetingsLedger], exports: [GreetingsService, GreetingsLedger] })
export class GreetingsModule {}
