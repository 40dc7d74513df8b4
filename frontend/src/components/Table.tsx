import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface TableProps {
  /** The table's caption: its accessible name, and the name of the scrolling region around it. */
  caption: ReactNode;
  /** Keep the caption for screen readers only, when a heading right above says the same. */
  captionHidden?: boolean;
  children: ReactNode;
  className?: string;
}

/**
 * A data table with a caption, inside a region that scrolls sideways on narrow screens (WCAG 1.4.10
 * allows that for tables). When it does scroll, the region is focusable so that keyboard users can
 * scroll it too.
 */
export function Table({ caption, captionHidden = false, children, className }: TableProps) {
  const id = `t${useId().replace(/:/g, '')}`;
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    measure();
    return () => observer.disconnect();
  }, []);

  return (
    <div ref={ref} className="table-wrap" role="region" aria-labelledby={id} tabIndex={scrolls ? 0 : undefined}>
      <table className={['table', className ?? ''].filter(Boolean).join(' ')}>
        <caption id={id} className={captionHidden ? 'visually-hidden' : 'table__caption'}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
