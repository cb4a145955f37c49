// Every quotation, paged both ways: usePaginationFragment gives loadNext and loadPrevious.
import { graphql, useLazyLoadQuery, usePaginationFragment } from "react-relay";

export const query = graphql`
  query QuotationListQuery($first: Int, $after: String, $last: Int, $before: String) {
    ...QuotationList_query
      @arguments(first: $first, after: $after, last: $last, before: $before)
  }
`;

export const fragment = graphql`
  fragment QuotationList_query on Query
  @refetchable(queryName: "QuotationListPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  ) {
    quotations(first: $first, after: $after, last: $last, before: $before)
      @connection(key: "QuotationList_quotations") {
      totalCount
      edges {
        node {
          id
          text
          speaker {
            name
          }
        }
      }
    }
  }
`;

export function QuotationList() {
  const root = useLazyLoadQuery(query, { first: 20 });
  const { data, loadNext, loadPrevious } = usePaginationFragment(fragment, root);
  return { data, loadNext, loadPrevious };
}
