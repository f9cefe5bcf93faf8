import type { LeafNode } from '../../../shared/audience/audience-types';
import { EventEditor } from './EventEditor';
import { AttributeEditor, AudienceRefEditor, IdentityEditor } from './LeafEditors';

export function NodeEditor({ node }: { node: LeafNode }) {
  switch (node.type) {
    case 'event':
      return <EventEditor node={node} />;
    case 'attribute':
      return <AttributeEditor node={node} />;
    case 'identity':
      return <IdentityEditor node={node} />;
    case 'audience':
      return <AudienceRefEditor node={node} />;
  }
}
