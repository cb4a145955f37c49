// A speaker (a Node, refetched by id) and its child connection of quotations.
import { graphql, usePaginationFragment } from "react-relay";

export const fragment = graphql`
  fragment SpeakerQuotations_speaker on Speaker
  @refetchable(queryName: "SpeakerQuotationsPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int", defaultValue: 10 }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  ) {
    name
    kind
    quotations(first: $first, after: $after, last: $last, before: $before)
      @connection(key: "SpeakerQuotations_quotations") {
      edges {
        node {
          id
          text
        }
      }
    }
  }
`;

export function SpeakerQuotations({ speaker }) {
  return usePaginationFragment(fragment, speaker);
}
