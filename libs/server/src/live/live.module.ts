import { Module } from '@nestjs/common';
import { AudienceGateway, ControlGateway, TeamGateway } from './live.gateways';
import { LiveViewsService } from './live-views.service';
import { PushService } from './push.service';

/** Socket.IO: /audience, /team and /control, and the leader's push of each game's changes. */
@Module({
  providers: [LiveViewsService, AudienceGateway, TeamGateway, ControlGateway, PushService],
})
export class LiveModule {}
