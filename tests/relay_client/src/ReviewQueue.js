// The review queue: extracted candidates, least confident first.
import { graphql, useLazyLoadQuery } from "react-relay";

export const query = graphql`
  query ReviewQueueQuery($first: Int) {
    attributions(filter: { status: EXTRACTED }, orderBy: CONFIDENCE_ASC, first: $first) {
      totalCount
      edges {
        node {
          id
          text
          confidence
          cue
          speaker {
            name
          }
          article {
            title
          }
        }
      }
    }
  }
`;

export function ReviewQueue() {
  return useLazyLoadQuery(query, { first: 50 });
}
