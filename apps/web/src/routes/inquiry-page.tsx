import { useEffect, useRef, useState } from 'react';
import type { InquiryResponse } from '../api/types';
import { PageHeading } from '../components/page-heading';
import { InquiryForm } from '../features/inquiry/components/inquiry-form';
import { useT } from '../i18n';

/** The public inquiry form (no login), then a receipt with the case number and the deadline. */
export function InquiryPage() {
  const { t, formatDate } = useT();
  const [receipt, setReceipt] = useState<{ response: InquiryResponse; email: string } | null>(null);
  const receiptHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (receipt) {
      document.title = t('app.pageTitle', { page: t('inquiry.receiptTitle') });
      receiptHeading.current?.focus();
      window.scrollTo(0, 0);
    }
  }, [receipt, t]);

  if (receipt) {
    const { response, email } = receipt;
    return (
      <div className="page page--narrow page--receipt" data-testid="inquiry-receipt">
        {/* The same page's single h1, now the receipt; focused so the confirmation is read out. */}
        <h1 ref={receiptHeading} tabIndex={-1} className="page-heading">
          {t('inquiry.receiptTitle')}
        </h1>
        <div className="panel receipt" role="status">
          <dl className="facts facts--large">
            <div className="facts__item">
              <dt>{t('inquiry.receiptNumber')}</dt>
              <dd data-testid="receipt-case-number">{response.caseNumber}</dd>
            </div>
            <div className="facts__item">
              <dt>{t('inquiry.receiptDeadline')}</dt>
              <dd data-testid="receipt-deadline">
                {response.deadline ? <time dateTime={response.deadline}>{formatDate(response.deadline)}</time> : t('inquiry.receiptNoDeadline')}
              </dd>
            </div>
          </dl>
          <p>{t('inquiry.receiptText', { email })}</p>
        </div>
        <p>
          <button type="button" className="button button--secondary" onClick={() => setReceipt(null)}>
            {t('inquiry.another')}
          </button>
        </p>
      </div>
    );
  }

  return (
    <div className="page page--narrow page--inquiry">
      <PageHeading title={t('inquiry.title')}>{t('inquiry.title')}</PageHeading>
      <p>{t('inquiry.intro')}</p>
      <InquiryForm onReceipt={(response, email) => setReceipt({ response, email })} />
    </div>
  );
}
