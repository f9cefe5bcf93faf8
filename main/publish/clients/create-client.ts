import type { ClientDeps, Connection, PartnerClient } from '../publish-types';
import { FileClient } from './file-client';
import { KlaviyoClient } from './klaviyo-client';
import { MailchimpClient } from './mailchimp-client';
import { MetaClient } from './meta-client';
import { WebhookClient } from './webhook-client';

export function createClient(connection: Connection, deps: ClientDeps): PartnerClient {
  const c = connection as Connection<typeof connection.type>;
  switch (c.type) {
    case 'meta':
      return new MetaClient((c as Connection<'meta'>).config, deps);
    case 'mailchimp':
      return new MailchimpClient((c as Connection<'mailchimp'>).config, deps);
    case 'klaviyo':
      return new KlaviyoClient((c as Connection<'klaviyo'>).config, deps);
    case 'webhook':
      return new WebhookClient((c as Connection<'webhook'>).config, deps);
    case 'file':
      return new FileClient((c as Connection<'file'>).config);
  }
}
