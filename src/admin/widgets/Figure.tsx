/** A figure of a home page widget. */
import { Flex, Link, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';

/** One figure of a home page widget: a number, what it counts, and a link to the filtered list. */
export const Figure = ({ value, label, to, testId }: { value: number | string; label: string; to?: string; testId: string }) => (
  <Flex direction="column" alignItems="flex-start" gap={1}>
    <Typography variant="alpha" tag="p" data-testid={testId}>
      {value}
    </Typography>
    {to === undefined ? (
      <Typography textColor="neutral600">{label}</Typography>
    ) : (
      <Link tag={NavLink} to={to}>
        {label}
      </Link>
    )}
  </Flex>
);
